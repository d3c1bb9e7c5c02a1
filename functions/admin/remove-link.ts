import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id, reason } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { removeParentLink } from '../../shared/use-cases/links';

export const handler = apiHandler({
  params: z.object({ schoolId: id, studentId: id, parentId: id }),
  query: z.object({ reason }),
  async run({ principal, params, query }) {
    const { school } = await authorizeSchoolAction(principal, 'links:remove', params.schoolId);
    return removeParentLink(school, params.studentId, params.parentId, actorOf(principal), query.reason);
  },
});
