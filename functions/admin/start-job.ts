import { z } from 'zod';
import { apiHandler, HttpResult } from '../../shared/http/handler';
import { id, schoolParams } from '../../shared/http/schemas';
import { actorOf, assertStaffMay } from '../../shared/domain/principal';
import { JOB_PERMISSION, JOB_TYPES } from '../../shared/domain/jobs';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { startJob } from '../../shared/use-cases/jobs';
import { jobStarter } from '../../shared/jobs/starter';

/** Start a bulk job (or a dry-run preview): 202 with the job to follow. */
export const handler = apiHandler({
  params: schoolParams,
  body: z.strictObject({
    type: z.enum(JOB_TYPES),
    dryRun: z.boolean().default(false),
    parentIds: z.array(id).min(1).max(5000).optional(),
    idempotencyKey: z.string().regex(/^[\w-]{1,64}$/).optional(),
    toleratedFailurePercent: z.number().min(0).max(100).default(0),
  }),
  async run({ principal, params, body }) {
    assertStaffMay(principal, JOB_PERMISSION[body.type], params.schoolId);
    const { school } = await authorizeSchoolAction(principal, 'jobs:run', params.schoolId);
    return new HttpResult(202, await startJob(school, body, actorOf(principal), await jobStarter()));
  },
});
