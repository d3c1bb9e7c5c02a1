import { apiHandler } from '../../shared/http/handler';
import { parentPortalRoutes } from '../../shared/contract/routes/parent-portal';
import { publicKeySet } from '../../shared/use-cases/discovery';

/** API Gateway's JWT authorizer reads it (through the discovery document) to verify parent tokens. */
export const handler = apiHandler(parentPortalRoutes, 'jwks', () => publicKeySet());
