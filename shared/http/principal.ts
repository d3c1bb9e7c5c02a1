import type { Principal } from '../domain/principal';
import { UnauthenticatedError } from '../domain/errors';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * Turns verified JWT claims into a principal. API Gateway's JWT authorizer has already checked
 * signature, issuer, audience and expiry; it hands claims over as strings, flattening arrays to
 * "[a b c]", so list claims accept that form, a JSON array, or comma/space separated text.
 *
 * The kind of caller comes from the authorizer that verified the token (each route has one, and
 * each trusts one issuer) and must be confirmed by an explicit claim, never inferred from a
 * missing one: parent tokens say `role: parent` and carry their session version (`sv`); staff
 * tokens (ours or the Cognito pool's ID tokens, `token_use: id`) must not claim to be a parent.
 */
export function principalFromClaims(claims: Claims | undefined, kind: 'staff' | 'parent'): Principal {
  if (!claims) throw new UnauthenticatedError();
  const sub = text(claims.sub);
  const districtId = text(claims.district ?? claims['custom:district']);
  if (!sub || !districtId) throw new UnauthenticatedError('The token lacks a subject or district.');
  const role = text(claims.role);
  if (kind === 'parent') {
    const sessionVersion = Number(claims.sv);
    if (role !== 'parent' || claims.sv === undefined || !Number.isInteger(sessionVersion)) {
      throw new UnauthenticatedError('This route needs a parent session token.');
    }
    return { kind: 'parent', id: sub, districtId, sessionVersion };
  }
  if (role !== undefined) throw new UnauthenticatedError('This route needs a staff token.');
  const schools = list(claims.schools ?? claims['custom:schools']);
  // Display only (who started a job); bounded, as any text we keep.
  const name = text(claims.name)?.trim().slice(0, 128);
  const email = text(claims.email)?.trim().slice(0, 254);
  return {
    kind: 'staff',
    id: sub,
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    districtId,
    schools: schools.includes('*') ? 'district' : new Set(schools),
    permissions: new Set(list(claims.permissions ?? claims['cognito:groups'])),
  };
}

function text(value: Claims[string]): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function list(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      return trimmed.slice(1, -1).split(/[\s,]+/).filter(Boolean);
    }
  }
  return trimmed.split(/[\s,]+/).filter(Boolean);
}
