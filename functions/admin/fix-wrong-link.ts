import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { actorOf, assertStaffMay } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { fixWrongLinkInOneStep } from '../../shared/use-cases/wrong-links';

/** Remove the wrong link, reset the code, record the case: one step, one transaction. */
export const handler = apiHandler({
  params: z.object({ schoolId: id, studentId: id }),
  body: z.strictObject({ parentId: id, reason: z.string().trim().min(1).max(500) }),
  async run({ principal, params, body }) {
    assertStaffMay(principal, 'codes:reset', params.schoolId);
    const { school } = await authorizeSchoolAction(principal, 'links:remove', params.schoolId);
    return fixWrongLinkInOneStep(school, params.studentId, body.parentId, actorOf(principal), body.reason);
  },
});
