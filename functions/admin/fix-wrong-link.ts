import { apiHandler } from '../../shared/http/handler';
import { codesAndLinksRoutes } from '../../shared/contract/routes/codes-and-links';
import { fixWrongLinkInOneStep } from '../../shared/use-cases/wrong-links';

/** Remove the wrong link, reset the code, record the case: one step, one transaction. */
export const handler = apiHandler(codesAndLinksRoutes, 'fix-wrong-link', ({ school, params, body, actor }) =>
  fixWrongLinkInOneStep(school, params.studentId, body.parentId, actor, body.reason),
);
