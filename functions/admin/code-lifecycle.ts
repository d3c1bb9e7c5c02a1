import { apiHandler } from '../../shared/http/handler';
import { codesAndLinksRoutes } from '../../shared/contract/routes/codes-and-links';
import { codeLifecycle } from '../../shared/use-cases/code-lifecycle';

export const handler = apiHandler(codesAndLinksRoutes, 'code-lifecycle', ({ school, query }) => codeLifecycle(school, query.days));
