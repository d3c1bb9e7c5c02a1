import { apiHandler } from '../../shared/http/handler';
import { jobsAndSchedulesRoutes } from '../../shared/contract/routes/jobs-and-schedules';
import { cancelJob } from '../../shared/use-cases/school-jobs';

/** Workers stop before their next page; the summary then records the job as CANCELLED. */
export const handler = apiHandler(jobsAndSchedulesRoutes, 'cancel-job', ({ school, staff, params, actor }) => cancelJob(school, staff, params.jobId, actor));
