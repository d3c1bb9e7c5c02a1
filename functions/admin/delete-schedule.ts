import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { deleteSchedule } from '../../shared/use-cases/schedules';

export const handler = apiHandler(jobsAndSchedulesRoutes, 'delete-schedule', ({ school, staff, params, actor }) => deleteSchedule(school, staff, params.name, actor));
