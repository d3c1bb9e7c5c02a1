import { publicApiHandler } from '../../shared/http/handler';
import { tokenSigner } from '../../shared/auth/tokens';

/**
 * The public half of the parent-token key; API Gateway's JWT authorizer reads it (through
 * the discovery document) to verify parent tokens.
 */
export const handler = publicApiHandler({
  async run() {
    return { keys: [await (await tokenSigner()).publicJwk()] };
  },
});

