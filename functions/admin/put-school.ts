import { apiHandler } from '../../shared/http/handler';
import { putSchool } from '../../shared/use-cases/schools';

export const handler = apiHandler('put-school', ({ staff, params, body, actor }) => putSchool(staff, params.schoolId, body, actor));
