import { config } from '../config';
import { tokenSigner } from '../adapters';

/** The public half of the parent-token key, as a JSON Web Key Set. */
export async function publicKeySet() {
  const jwk = await (await tokenSigner()).publicJwk();
  // API Gateway's JWT authorizer takes RSA keys only, each named by its kid (Developer Guide,
  // "Control access to HTTP APIs with JWT authorizers"); publishing anything else would lock every parent out.
  if (jwk.kty !== 'RSA' || !jwk.kid || !jwk.n || !jwk.e) throw new Error('The parent-token signing key is not an RSA key with a kid');
  return { keys: [{ ...jwk, kty: 'RSA' as const, kid: jwk.kid, n: jwk.n, e: jwk.e }] };
}

/** OpenID discovery: where the parent-token issuer publishes its keys. */
export function discoveryDocument() {
  return { issuer: config.PARENT_TOKEN_ISSUER, jwks_uri: `${config.PARENT_TOKEN_ISSUER}/.well-known/jwks.json` };
}
