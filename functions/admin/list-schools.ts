import { apiHandler } from '../../shared/http/handler';
import { rosterAndSchoolsRoutes } from '../../shared/contract/routes/roster-and-schools';
import { listSchools } from '../../shared/use-cases/schools';

export const handler = apiHandler(rosterAndSchoolsRoutes, 'list-schools', ({ staff }) => listSchools(staff));
