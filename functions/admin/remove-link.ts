import { apiHandler } from '../../shared/http/handler';
import { removeParentLink } from '../../shared/use-cases/links';

export const handler = apiHandler('remove-link', ({ school, params, query, actor }) =>
  removeParentLink(school, params.studentId, params.parentId, actor, query.reason),
);
