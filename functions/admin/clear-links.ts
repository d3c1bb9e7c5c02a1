import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { reason, schoolParams, studentIdList } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { clearLinksOfStudents } from '../../shared/use-cases/links';

export const handler = apiHandler({
  params: schoolParams,
  body: z.strictObject({ studentIds: studentIdList, reason }),
  async run({ principal, params, body }) {
    const { school } = await authorizeSchoolAction(principal, 'links:remove', params.schoolId);
    return clearLinksOfStudents(school, body.studentIds, actorOf(principal), body.reason);
  },
});
