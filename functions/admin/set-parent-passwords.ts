import { apiHandler } from '../../shared/http/handler';
import { setTemporaryPasswords } from '../../shared/use-cases/parent-accounts';

/** Selected parents at once (the Set Passwords button above the grid). */
export const handler = apiHandler('set-parent-passwords', ({ school, body, actor, budget }) =>
  setTemporaryPasswords(school, body.parentIds, actor, budget),
);
