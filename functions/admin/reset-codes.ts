import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { reason, schoolParams, studentIdList } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { resetSelectedCodes } from '../../shared/use-cases/codes';

export const handler = apiHandler({
  params: schoolParams,
  body: z.strictObject({ studentIds: studentIdList, reason }),
  async run({ principal, params, body }) {
    const { school } = await authorizeSchoolAction(principal, 'codes:reset', params.schoolId);
    return resetSelectedCodes(school, body.studentIds, actorOf(principal), body.reason);
  },
});
