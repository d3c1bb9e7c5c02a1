import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { startJob } from '../../shared/jobs/start-job';

/** Start a bulk job (or a dry-run preview): 202 with the job to follow. */
export const handler = apiHandler(jobsAndSchedulesRoutes, 'start-job', ({ school, staff, body, actor, requestId }) => startJob(school, staff, body, actor, requestId));
