import { apiHandler } from '../../shared/http/handler';
import { codesAndLinksRoutes } from '../../shared/contract/routes/codes-and-links';
import { removeParentLink } from '../../shared/use-cases/links';

export const handler = apiHandler(codesAndLinksRoutes, 'remove-link', ({ school, params, query, actor }) =>
  removeParentLink(school, params.studentId, params.parentId, actor, query.reason),
);
