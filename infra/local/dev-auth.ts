import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';

/**
 * Local identity providers. Staff: a dev issuer standing in for the Cognito staff pool, signing
 * RS256 tokens with an RSA key from LOCAL_STAFF_SIGNING_KEY (kept in .local-data/, or made by the
 * test setup). Parents: real session tokens from the service's own signer, as sign-in issues them.
 * The local server verifies both as API Gateway's JWT authorizers do (see jwt-authorizer.ts).
 */
export const DEV_ISSUER = 'parent-access-local-staff';
export const DEV_AUDIENCE = 'parent-access-console';

export interface StaffTokenInput {
  sub: string;
  district: string;
  schools: string[] | '*';
  permissions: string[];
  /** Shown by the console; Cognito ID tokens carry the user's name too. */
  name?: string;
  /** The OpenID Connect nonce of the sign-in that asked for this token. */
  nonce?: string;
}

function staffKey(): JWK {
  const text = process.env.LOCAL_STAFF_SIGNING_KEY;
  if (!text) throw new Error('LOCAL_STAFF_SIGNING_KEY is not set (npm start and the test setup provide it)');
  return JSON.parse(text) as JWK;
}

/** The staff issuer's public key set, as its JWKS endpoint would publish it. */
export function devStaffJwks(): JWK[] {
  const { kty, n, e, kid } = staffKey();
  return [{ kty, n, e, kid, alg: 'RS256', use: 'sig' }];
}

/** A staff token shaped like the Cognito pool's ID token; `ttl` as jose accepts it ('8h', '-1m'). */
export async function mintStaffToken(input: StaffTokenInput, ttl = '8h'): Promise<string> {
  const key = staffKey();
  return new SignJWT({
    district: input.district,
    schools: input.schools === '*' ? ['*'] : input.schools,
    permissions: input.permissions,
    token_use: 'id',
    ...(input.name ? { name: input.name } : {}),
    ...(input.nonce ? { nonce: input.nonce } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid!, typ: 'JWT' })
    .setSubject(input.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(await importJWK(key, 'RS256'));
}

/**
 * A parent session token as sign-in would issue it, for the parent's current session version
 * (`sv`): a token minted before a password reset or sign-out stops working, like a real one.
 */
export async function mintParentToken(input: { sub: string; district: string; sessionVersion?: number }, ttlSeconds = 8 * 3600): Promise<string> {
  const { tokenSigner, PARENT_AUDIENCE } = await import('../../shared/auth/tokens');
  const signer = await tokenSigner();
  return signer.sign({ district: input.district, role: 'parent', sv: input.sessionVersion ?? 0 }, PARENT_AUDIENCE, ttlSeconds, input.sub);
}

/** A fresh RSA-2048 private JWK with a `kid`, for signing parent sessions or dev staff tokens locally. */
export async function generateRsaSigningKey(kidPrefix: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return JSON.stringify({ ...(await exportJWK(privateKey)), kid: `${kidPrefix}-${Date.now().toString(36)}` });
}
