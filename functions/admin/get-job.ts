import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { jobOfSchool } from '../../shared/use-cases/school-jobs';

export const handler = apiHandler(jobsAndSchedulesRoutes, 'get-job', ({ school, params }) => jobOfSchool(school, params.jobId));
