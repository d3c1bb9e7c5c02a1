import { apiHandler } from '../../shared/http/handler';
import { discoveryDocument } from '../../shared/use-cases/discovery';

/** OpenID discovery: tells API Gateway's JWT authorizer where the parent-token keys are. */
export const handler = apiHandler('openid-configuration', async () => discoveryDocument());
