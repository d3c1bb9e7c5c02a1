import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { cancelJob } from '../../shared/use-cases/jobs';

/** Workers stop before their next page; the summary then records the job as CANCELLED. */
export const handler = apiHandler({
  params: z.object({ schoolId: id, jobId: id }),
  async run({ principal, params }) {
    const { school } = await authorizeSchoolAction(principal, 'jobs:run', params.schoolId);
    return cancelJob(school, params.jobId, actorOf(principal));
  },
});
