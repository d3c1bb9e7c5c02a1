import { apiHandler } from '../../shared/http/handler';
import { cancelJob } from '../../shared/use-cases/jobs';

/** Workers stop before their next page; the summary then records the job as CANCELLED. */
export const handler = apiHandler('cancel-job', ({ school, params, actor }) => cancelJob(school, params.jobId, actor));
