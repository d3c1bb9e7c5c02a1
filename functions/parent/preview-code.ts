import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { previewCode } from '../../shared/use-cases/codes';

export const handler = apiHandler(parentPortalRoutes, 'preview-code', ({ principal, parent, body, sourceIp }) => previewCode(principal, body.code, sourceIp, parent.rosterSchools));
