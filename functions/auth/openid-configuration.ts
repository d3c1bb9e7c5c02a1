import { publicApiHandler } from '../../shared/http/handler';
import { config } from '../../shared/config';

/** OpenID discovery: tells API Gateway's JWT authorizer where the parent-token keys are. */
export const handler = publicApiHandler({
  async run() {
    return { issuer: config.PARENT_TOKEN_ISSUER, jwks_uri: `${config.PARENT_TOKEN_ISSUER}/.well-known/jwks.json` };
  },
});
