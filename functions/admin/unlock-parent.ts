import { apiHandler } from '../../shared/http/handler';
import { parentAccountsRoutes } from '../../shared/contract/routes/parent-accounts';
import { unlockParent } from '../../shared/use-cases/parent-administration';

export const handler = apiHandler(parentAccountsRoutes, 'unlock-parent', ({ school, params, actor }) => unlockParent(school, params.parentId, actor));
