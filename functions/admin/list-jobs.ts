import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { listJobsOfSchool } from '../../shared/use-cases/school-jobs';

export const handler = apiHandler(jobsAndSchedulesRoutes, 'list-jobs', ({ school, query }) => listJobsOfSchool(school, query));
