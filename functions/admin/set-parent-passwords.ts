import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id, schoolParams } from '../../shared/http/schemas';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { MAX_PASSWORDS_PER_CALL, setTemporaryPasswords } from '../../shared/use-cases/parent-accounts';

/** Selected parents at once (the Set Passwords button above the grid). */
export const handler = apiHandler({
  params: schoolParams,
  body: z.strictObject({
    parentIds: z.array(id).min(1).max(MAX_PASSWORDS_PER_CALL, `At most ${MAX_PASSWORDS_PER_CALL} parents per call; use a bulk job for more`),
    confirm: z.literal(true, { errorMap: () => ({ message: 'Setting passwords must be confirmed with "confirm": true' }) }),
  }),
  async run({ principal, params, body, budget }) {
    const { school } = await authorizeSchoolAction(principal, 'passwords:set', params.schoolId);
    return setTemporaryPasswords(school, body.parentIds, actorOf(principal), budget);
  },
});
