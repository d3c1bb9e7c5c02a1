import { apiHandler } from '../../shared/http/handler';
import { exportsAndLettersRoutes } from '../../shared/contract/routes/exports-and-letters';
import { jobFileLink } from '../../shared/use-cases/job-files';

export const handler = apiHandler(exportsAndLettersRoutes, 'get-job-file', ({ school, staff, params, actor }) => jobFileLink(school, staff, params.jobId, actor));
