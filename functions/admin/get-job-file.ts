import { apiHandler } from '../../shared/http/handler';
import { jobFileLink } from '../../shared/use-cases/jobs';

export const handler = apiHandler('get-job-file', ({ school, params, actor }) => jobFileLink(school, params.jobId, actor));
