import { apiHandler } from '../../shared/http/handler';
import { deleteSchedule } from '../../shared/use-cases/schedules';

export const handler = apiHandler('delete-schedule', ({ school, params, actor }) => deleteSchedule(school, params.name, actor));
