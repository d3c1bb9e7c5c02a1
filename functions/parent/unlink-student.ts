import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id, reason } from '../../shared/http/schemas';
import { assertParent } from '../../shared/domain/principal';
import { unlinkMyStudent } from '../../shared/use-cases/links';

export const handler = apiHandler({
  params: z.object({ schoolId: id, studentId: id }),
  query: z.object({ reason }),
  async run({ principal, params, query }) {
    return unlinkMyStudent(assertParent(principal), params.schoolId, params.studentId, query.reason);
  },
});
