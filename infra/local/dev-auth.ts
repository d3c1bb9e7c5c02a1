import { SignJWT, jwtVerify, JWTPayload, exportJWK, generateKeyPair } from 'jose';

/**
 * Local stand-in for the API's JWT authorizer: HS256 with a dev-only key. In AWS, API Gateway
 * verifies tokens from the configured issuer (or the staff Cognito pool) instead.
 */
export const DEV_ISSUER = 'parent-access-local';
export const DEV_AUDIENCE = 'parent-access-api';
const DEV_KEY = new TextEncoder().encode(process.env.LOCAL_JWT_SECRET ?? 'local-development-only-signing-key-0123456789');

export interface StaffTokenInput {
  sub: string;
  district: string;
  schools: string[] | '*';
  permissions: string[];
}

export async function mintStaffToken(input: StaffTokenInput, ttl = '8h'): Promise<string> {
  return new SignJWT({
    district: input.district,
    schools: input.schools === '*' ? ['*'] : input.schools,
    permissions: input.permissions,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(input.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(DEV_KEY);
}

export async function mintParentToken(input: { sub: string; district: string }, ttl = '8h'): Promise<string> {
  return new SignJWT({ district: input.district, role: 'parent' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(input.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(DEV_KEY);
}

/** Verified claims, or undefined for a missing, malformed, forged or expired token. */
export async function verifyDevToken(token: string): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, DEV_KEY, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] });
    return payload;
  } catch {
    return undefined;
  }
}

/** A fresh EC P-256 private JWK for signing parent session tokens locally. */
export async function generateParentSigningKey(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), kid: `local-${Date.now()}` });
}
