import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { NotFoundError } from '../../shared/domain/errors';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { getJob } from '../../shared/data/jobs';

export const handler = apiHandler({
  params: z.object({ schoolId: id, jobId: id }),
  async run({ principal, params }) {
    await authorizeSchoolAction(principal, 'students:read', params.schoolId);
    const job = await getJob(params.jobId);
    if (!job || job.schoolId !== params.schoolId) throw new NotFoundError('Job');
    return job;
  },
});
