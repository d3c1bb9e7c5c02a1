import { apiHandler } from '../../shared/http/handler';
import { listSchools } from '../../shared/use-cases/schools';

export const handler = apiHandler('list-schools', ({ staff }) => listSchools(staff));
