import { apiHandler } from '../../shared/http/handler';
import { publicKeySet } from '../../shared/use-cases/discovery';

/** API Gateway's JWT authorizer reads it (through the discovery document) to verify parent tokens. */
export const handler = apiHandler('jwks', () => publicKeySet());
