import { apiHandler } from '../../shared/http/handler';
import { jobOfSchool } from '../../shared/use-cases/jobs';

export const handler = apiHandler('get-job', ({ school, params }) => jobOfSchool(school, params.jobId));
