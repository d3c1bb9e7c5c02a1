import { apiHandler } from '../../shared/http/handler';
import { listJobsOfSchool } from '../../shared/use-cases/jobs';

export const handler = apiHandler('list-jobs', ({ school, query }) => listJobsOfSchool(school, query));
