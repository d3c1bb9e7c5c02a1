import { apiHandler } from '../../shared/http/handler';
import { parentAccountsRoutes } from '../../shared/contract/routes/parent-accounts';
import { setTemporaryPassword } from '../../shared/use-cases/parent-administration';

/** One parent: the body must confirm, as the article's OK dialog does. */
export const handler = apiHandler(parentAccountsRoutes, 'set-parent-password', ({ school, staff, params, actor, budget }) =>
  setTemporaryPassword(school, staff, params.parentId, actor, budget),
);
