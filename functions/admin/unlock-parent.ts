import { apiHandler } from '../../shared/http/handler';
import { unlockParent } from '../../shared/use-cases/parent-accounts';

export const handler = apiHandler('unlock-parent', ({ school, params, actor }) => unlockParent(school, params.parentId, actor));
