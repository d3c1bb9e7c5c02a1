import { apiHandler } from '../../shared/http/handler';
import { schedulesOfSchool } from '../../shared/use-cases/schedules';

export const handler = apiHandler('list-schedules', ({ school }) => schedulesOfSchool(school));
