import { createPublicKey, KeyObject } from 'node:crypto';
import { jwtVerify, JWTPayload } from 'jose';
import { config } from '../config';
import { UnauthenticatedError } from '../domain/errors';
import { healingCache } from '../healing-cache';
import { tokenSigner } from '../adapters';
import { PARENT_TOKEN_ALG } from '../ports/token-signer';

export { PARENT_TOKEN_ALG, type Signer } from '../ports/token-signer';
/** The signer this deployment uses (chosen in shared/adapters), for the local runtime that mints tokens. */
export { tokenSigner } from '../adapters';

/** Audience of parent session tokens (what the API's parent authorizer accepts). */
export const PARENT_AUDIENCE = 'parent-access-api';
/** Audience of new-password challenges: no route but the new-password step accepts these. */
export const CHALLENGE_AUDIENCE = 'parent-access-new-password';
/** Audience of device tokens: proof that this browser signed in to this account before. */
export const DEVICE_AUDIENCE = 'parent-access-device';

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
