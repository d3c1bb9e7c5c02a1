import { apiHandler } from '../../shared/http/handler';
import { parentAccountsRoutes } from '../../shared/contract/routes/parent-accounts';
import { unlockParent } from '../../shared/use-cases/parent-administration';

export const handler = apiHandler(parentAccountsRoutes, 'unlock-parent', ({ school, staff, params, actor }) => unlockParent(school, staff, params.parentId, actor));
