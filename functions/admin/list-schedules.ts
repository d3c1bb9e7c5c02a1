import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { schedulesOfSchool } from '../../shared/use-cases/schedules';

export const handler = apiHandler(jobsAndSchedulesRoutes, 'list-schedules', ({ school }) => schedulesOfSchool(school));
