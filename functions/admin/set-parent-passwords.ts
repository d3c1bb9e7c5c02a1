import { apiHandler } from '../../shared/http/handler';
import { parentAccountsRoutes } from '../../shared/contract/routes/parent-accounts';
import { setTemporaryPasswords } from '../../shared/use-cases/parent-administration';

/** Selected parents at once (the Set Passwords button above the grid). */
export const handler = apiHandler(parentAccountsRoutes, 'set-parent-passwords', ({ school, staff, body, actor, budget }) =>
  setTemporaryPasswords(school, staff, body.parentIds, actor, budget),
);
