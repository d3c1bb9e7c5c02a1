import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { unlockParent } from '../../shared/use-cases/parent-accounts';

export const handler = apiHandler({
  params: z.object({ schoolId: id, parentId: id }),
  async run({ principal, params }) {
    const { school } = await authorizeSchoolAction(principal, 'passwords:set', params.schoolId);
    return unlockParent(school, params.parentId, actorOf(principal));
  },
});
