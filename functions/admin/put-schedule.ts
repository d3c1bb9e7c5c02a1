import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { saveSchedule } from '../../shared/use-cases/schedules';

/** Create or change a school's schedule, e.g. Reset All at 05:00 on 1 September: `cron(0 5 1 9 ? *)`. */
export const handler = apiHandler(jobsAndSchedulesRoutes, 'put-schedule', ({ school, staff, params, body, actor }) => saveSchedule(school, staff, { name: params.name, ...body }, actor));
