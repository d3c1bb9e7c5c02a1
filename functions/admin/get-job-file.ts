import { apiHandler } from '../../shared/http/handler';
import { jobFileLink } from '../../shared/use-cases/jobs';

export const handler = apiHandler('get-job-file', ({ school, staff, params, actor }) => jobFileLink(school, staff, params.jobId, actor));
