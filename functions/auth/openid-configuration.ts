import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { discoveryDocument } from '../../shared/use-cases/discovery';

/** OpenID discovery: tells API Gateway's JWT authorizer where the parent-token keys are. */
export const handler = apiHandler(parentPortalRoutes, 'openid-configuration', async () => discoveryDocument());
