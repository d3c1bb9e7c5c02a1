import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { cursor, pageLimit, schoolParams } from '../../shared/http/schemas';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { listJobs } from '../../shared/data/jobs';

export const handler = apiHandler({
  params: schoolParams,
  query: z.object({ limit: pageLimit, cursor }),
  async run({ principal, params, query }) {
    await authorizeSchoolAction(principal, 'students:read', params.schoolId);
    return listJobs(params.schoolId, query);
  },
});
