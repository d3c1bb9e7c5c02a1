import { createPublicKey, KeyObject } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, JWK, JWTPayload } from 'jose';
import { config } from '../config';
import { UnauthenticatedError } from '../domain/errors';
import { healingCache } from '../healing-cache';
import { PARENT_TOKEN_ALG, type Signer } from '../ports/token-signer';

export { PARENT_TOKEN_ALG, type Signer } from '../ports/token-signer';

/** Audience of parent session tokens (what the API's parent authorizer accepts). */
export const PARENT_AUDIENCE = 'parent-access-api';
/** Audience of new-password challenges: no route but the new-password step accepts these. */
export const CHALLENGE_AUDIENCE = 'parent-access-new-password';
/** Audience of device tokens: proof that this browser signed in to this account before. */
export const DEVICE_AUDIENCE = 'parent-access-device';

/** Local and tests: an RSA private JWK (with `kid`) from config. */
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

/** The signer this deployment uses: a KMS key in AWS (the private key never leaves KMS), a JWK locally. */
export const tokenSigner = healingCache<Signer>(async () => {
  if (config.PARENT_SIGNING_KEY) return jwkSigner(JSON.parse(config.PARENT_SIGNING_KEY) as JWK);
  if (config.PARENT_SIGNING_KMS_KEY_ID) return (await import('../adapters/kms-token-signer')).kmsSigner(config.PARENT_SIGNING_KMS_KEY_ID);
  throw new Error('Neither PARENT_SIGNING_KEY nor PARENT_SIGNING_KMS_KEY_ID is set');
});

const verificationKey = healingCache<KeyObject>(async () =>
  createPublicKey({ key: (await (await tokenSigner()).publicJwk()) as never, format: 'jwk' }),
);

/** Verifies a token this service issued for the given audience; 401 for anything else. */
export async function verifyIssuedToken(token: string, audience: string): Promise<JWTPayload & { sub: string }> {
  const key = await verificationKey();
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: config.PARENT_TOKEN_ISSUER,
      audience,
      algorithms: [PARENT_TOKEN_ALG],
      requiredClaims: ['exp', 'sub'],
    });
    return payload as JWTPayload & { sub: string };
  } catch {
    throw new UnauthenticatedError('The session is not valid or has expired. Sign in again.');
  }
}
