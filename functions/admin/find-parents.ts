import { apiHandler } from '../../shared/http/handler';
import { findParents } from '../../shared/use-cases/parent-accounts';

export const handler = apiHandler('find-parents', ({ school, query, actor }) => findParents(school, query, actor));
