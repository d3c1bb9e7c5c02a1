import { apiHandler } from '../../shared/http/handler';
import { parentAccountsRoutes } from '../../shared/contract/routes/parent-accounts';
import { findParents } from '../../shared/use-cases/parent-administration';

export const handler = apiHandler(parentAccountsRoutes, 'find-parents', ({ school, staff, query, actor }) => findParents(school, staff, query, actor));
