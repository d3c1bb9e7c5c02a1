import { apiHandler } from '../../shared/http/handler';
import { importOneRosterSchools } from '../../shared/use-cases/oneroster-schools';

export const handler = apiHandler('import-oneroster-schools', ({ staff, body, actor }) => importOneRosterSchools(staff, body.files['orgs.csv'], actor));
