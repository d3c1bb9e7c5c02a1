import { apiHandler } from '../../shared/http/handler';
import { setTemporaryPassword } from '../../shared/use-cases/parent-accounts';

/** One parent: the body must confirm, as the article's OK dialog does. */
export const handler = apiHandler('set-parent-password', ({ school, params, actor, budget }) =>
  setTemporaryPassword(school, params.parentId, actor, budget),
);
