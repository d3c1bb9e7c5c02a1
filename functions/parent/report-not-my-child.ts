import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { reportNotMyChild } from '../../shared/use-cases/wrong-links';

export const handler = apiHandler(parentPortalRoutes, 'report-not-my-child', ({ principal, params, body }) =>
  reportNotMyChild(principal, params.schoolId, params.studentId, body.reason),
);
