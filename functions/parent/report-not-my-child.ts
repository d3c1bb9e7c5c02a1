import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id, reason } from '../../shared/http/schemas';
import { assertParent } from '../../shared/domain/principal';
import { reportNotMyChild } from '../../shared/use-cases/wrong-links';

export const handler = apiHandler({
  params: z.object({ schoolId: id, studentId: id }),
  body: z.strictObject({ reason }),
  async run({ principal, params, body }) {
    return reportNotMyChild(assertParent(principal), params.schoolId, params.studentId, body.reason);
  },
});
