import { apiHandler } from '../../shared/http/handler';
import { rosterAndSchoolsRoutes } from '../../shared/contract/routes/roster-and-schools';
import { putSchool } from '../../shared/use-cases/schools';

export const handler = apiHandler(rosterAndSchoolsRoutes, 'put-school', ({ staff, params, body, actor }) => putSchool(staff, params.schoolId, body, actor));
