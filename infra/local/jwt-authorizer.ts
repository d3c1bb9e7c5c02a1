import { compactVerify, decodeProtectedHeader, importJWK, JWK } from 'jose';

/**
 * The local stand-in for an HTTP API JWT authorizer. It refuses what API Gateway refuses, rule for
 * rule, as documented in the API Gateway Developer Guide, "Control access to HTTP APIs with JWT
 * authorizers" (http-api-jwt-authorizer.html), section "Authorizing API requests with a JWT
 * authorizer":
 *  1. the token comes from the identity source (here `$request.header.Authorization`); a
 *     `Bearer ` prefix is optional;
 *  2. the token is decoded; its `kid` must name a key of the issuer's JWKS, and its algorithm
 *     must be RSA-based ("Currently, only RSA-based algorithms are supported");
 *  3. the signature verifies with that key;
 *  4. `iss` equals the configured issuer exactly;
 *  5. `aud` matches one configured audience, or, when there is no `aud`, `client_id` does;
 *  6. `exp` is present and in the future; `nbf` and `iat`, when present, are not in the future.
 * Anything else: 401, before the function runs, as API Gateway answers.
 */
export interface JwtAuthorizerConfig {
  issuer: string;
  audiences: readonly string[];
  jwks: () => Promise<JWK[]> | JWK[];
}

export type Claims = Record<string, unknown>;

/** The algorithms we accept as "RSA-based": RSASSA-PKCS1-v1_5 with SHA-2. */
export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

export type Refusal =
  | 'no-token'
  | 'malformed'
  | 'algorithm-not-rsa'
  | 'no-kid'
  | 'unknown-kid'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'no-exp'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future';

export type AuthorizerResult = { ok: true; claims: Claims } | { ok: false; refusal: Refusal };

export function createJwtAuthorizer(config: JwtAuthorizerConfig, now: () => number = () => Math.floor(Date.now() / 1000)) {
  return async function authorize(headerValue: string | undefined): Promise<AuthorizerResult> {
    const refuse = (refusal: Refusal): AuthorizerResult => ({ ok: false, refusal });
    const token = headerValue?.trim().replace(/^Bearer\s+/, '');
    if (!token) return refuse('no-token');

    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return refuse('malformed');
    }
    if (!RSA_ALGORITHMS.includes(header.alg as (typeof RSA_ALGORITHMS)[number])) return refuse('algorithm-not-rsa');
    if (!header.kid) return refuse('no-kid');
    const jwk = (await config.jwks()).find((key) => key.kid === header.kid);
    if (!jwk) return refuse('unknown-kid');

    let claims: Claims;
    try {
      const { payload } = await compactVerify(token, await importJWK(jwk, header.alg), { algorithms: [header.alg!] });
      claims = JSON.parse(new TextDecoder().decode(payload)) as Claims;
    } catch {
      return refuse('bad-signature');
    }
    if (typeof claims !== 'object' || claims === null) return refuse('malformed');

    if (claims.iss !== config.issuer) return refuse('wrong-issuer');
    const audiences = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const audienceOk = claims.aud !== undefined
      ? audiences.some((aud) => config.audiences.includes(String(aud)))
      : config.audiences.includes(String(claims.client_id));
    if (!audienceOk) return refuse('wrong-audience');

    const time = now();
    if (typeof claims.exp !== 'number') return refuse('no-exp');
    if (claims.exp <= time) return refuse('expired');
    if (typeof claims.nbf === 'number' && claims.nbf > time) return refuse('not-yet-valid');
    if (typeof claims.iat === 'number' && claims.iat > time) return refuse('issued-in-future');
    return { ok: true, claims };
  };
}
