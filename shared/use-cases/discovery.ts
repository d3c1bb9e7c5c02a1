import { config } from '../config';
import { tokenSigner } from '../auth/tokens';

/** The public half of the parent-token key, as a JSON Web Key Set. */
export async function publicKeySet() {
  return { keys: [await (await tokenSigner()).publicJwk()] };
}

/** OpenID discovery: where the parent-token issuer publishes its keys. */
export function discoveryDocument() {
  return { issuer: config.PARENT_TOKEN_ISSUER, jwks_uri: `${config.PARENT_TOKEN_ISSUER}/.well-known/jwks.json` };
}
