import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { setTemporaryPasswords } from '../../shared/use-cases/parent-accounts';

/** One parent: the body must confirm, as the article's OK dialog does. */
export const handler = apiHandler({
  params: z.object({ schoolId: id, parentId: id }),
  body: z.strictObject({ confirm: z.literal(true, { errorMap: () => ({ message: 'Setting a password must be confirmed with "confirm": true' }) }) }),
  async run({ principal, params, budget }) {
    const { school } = await authorizeSchoolAction(principal, 'passwords:set', params.schoolId);
    const { parents } = await setTemporaryPasswords(school, [params.parentId], actorOf(principal), budget);
    return parents[0];
  },
});
