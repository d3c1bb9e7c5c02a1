import { apiHandler } from '../../shared/http/handler';
import { codeLifecycle } from '../../shared/use-cases/code-lifecycle';

export const handler = apiHandler('code-lifecycle', ({ school, query }) => codeLifecycle(school, query.days));
