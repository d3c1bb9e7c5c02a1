import { createPublicKey, KeyObject } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, JWK, JWTPayload } from 'jose';
import { config } from '../config';
import { UnauthenticatedError } from '../domain/errors';

/** Audience of parent session tokens (what the API's parent authorizer accepts). */
export const PARENT_AUDIENCE = 'parent-access-api';
/** Audience of new-password challenges: no route but the new-password step accepts these. */
export const CHALLENGE_AUDIENCE = 'parent-access-new-password';

export interface Signer {
  sign(payload: JWTPayload, audience: string, ttlSeconds: number, subject: string): Promise<string>;
  publicJwk(): Promise<JWK>;
}

/** Local and tests: an EC P-256 private JWK from config. */
function jwkSigner(privateJwk: JWK): Signer {
  const privateKey = importJWK(privateJwk, 'ES256');
  const { d: _d, ...publicJwk } = privateJwk;
  return {
    async sign(payload, audience, ttlSeconds, subject) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid })
        .setIssuer(config.PARENT_TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(await privateKey);
    },
    publicJwk: async () => ({ ...publicJwk, alg: 'ES256', use: 'sig' }),
  };
}

let signer: Promise<Signer> | undefined;

/** The signer this deployment uses: a KMS key in AWS (the private key never leaves KMS), a JWK locally. */
export function tokenSigner(): Promise<Signer> {
  signer ??= (async () => {
    if (config.PARENT_SIGNING_KEY) return jwkSigner(JSON.parse(config.PARENT_SIGNING_KEY) as JWK);
    if (config.PARENT_SIGNING_KMS_KEY_ID) return (await import('./kms-signer')).kmsSigner(config.PARENT_SIGNING_KMS_KEY_ID);
    throw new Error('Neither PARENT_SIGNING_KEY nor PARENT_SIGNING_KMS_KEY_ID is set');
  })();
  return signer;
}

let verificationKey: Promise<KeyObject> | undefined;

/** Verifies a token this service issued for the given audience; 401 for anything else. */
export async function verifyIssuedToken(token: string, audience: string): Promise<JWTPayload & { sub: string }> {
  verificationKey ??= tokenSigner().then(async (s) => createPublicKey({ key: (await s.publicJwk()) as never, format: 'jwk' }));
  try {
    const { payload } = await jwtVerify(token, await verificationKey, {
      issuer: config.PARENT_TOKEN_ISSUER,
      audience,
      algorithms: ['ES256'],
    });
    if (!payload.sub) throw new Error('no subject');
    return payload as JWTPayload & { sub: string };
  } catch {
    throw new UnauthenticatedError('The session is not valid or has expired. Sign in again.');
  }
}

