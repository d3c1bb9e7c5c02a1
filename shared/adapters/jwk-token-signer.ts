import { importJWK, SignJWT, type JWK } from 'jose';
import { config } from '../config';
import { PARENT_TOKEN_ALG, type Signer } from '../ports/token-signer';

/** Local and tests: parent tokens signed with an RSA private JWK (with `kid`) from config. */
export function jwkSigner(privateJwk: JWK): Signer {
  if (privateJwk.kty !== 'RSA' || !privateJwk.kid) throw new Error('PARENT_SIGNING_KEY must be an RSA private JWK with a kid');
  const privateKey = importJWK(privateJwk, PARENT_TOKEN_ALG);
  const { kty, n, e, kid } = privateJwk;
  return {
    async sign(payload, audience, ttlSeconds, subject) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: PARENT_TOKEN_ALG, kid, typ: 'JWT' })
        .setIssuer(config.PARENT_TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(await privateKey);
    },
    publicJwk: async () => ({ kty, n, e, kid, alg: PARENT_TOKEN_ALG, use: 'sig' }),
  };
}
