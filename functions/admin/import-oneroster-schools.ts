import { apiHandler } from '../../shared/http/handler';
import { rosterAndSchoolsRoutes } from '../../shared/contract/routes/roster-and-schools';
import { importOneRosterSchools } from '../../shared/use-cases/oneroster-schools';

export const handler = apiHandler(rosterAndSchoolsRoutes, 'import-oneroster-schools', ({ staff, body, actor }) => importOneRosterSchools(staff, body.files['orgs.csv'], actor));
