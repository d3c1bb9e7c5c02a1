import type { JWK, JWTPayload } from 'jose';

/**
 * RS256, because API Gateway's HTTP API JWT authorizer verifies RSA signatures only
 * (API Gateway Developer Guide, "Control access to HTTP APIs with JWT authorizers":
 * "Currently, only RSA-based algorithms are supported"). An ES256 token would get 401 on every
 * parent route in AWS; the local authorizer refuses it the same way.
 */
export const PARENT_TOKEN_ALG = 'RS256';

/** What signs parent tokens: a local RSA key, or a KMS key in AWS (adapters/kms-token-signer). */
export interface Signer {
  sign(payload: JWTPayload, audience: string, ttlSeconds: number, subject: string): Promise<string>;
  /** The public key with its `kid`, as published in the JWKS. */
  publicJwk(): Promise<JWK>;
}
