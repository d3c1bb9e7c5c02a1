import type { Principal } from '../domain/principal';
import { UnauthenticatedError } from '../domain/errors';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * Turns verified JWT claims into a principal. API Gateway's JWT authorizer has already checked
 * signature, issuer, audience and expiry; it hands claims over as strings, flattening arrays to
 * "[a b c]", so list claims accept that form, a JSON array, or comma/space separated text.
 * Staff tokens may be our own (`permissions`, `schools`, `district`) or Cognito's
 * (`cognito:groups`, `custom:schools`, `custom:district`).
 */
export function principalFromClaims(claims: Claims | undefined): Principal {
  if (!claims) throw new UnauthenticatedError();
  const sub = text(claims.sub);
  const districtId = text(claims.district ?? claims['custom:district']);
  if (!sub || !districtId) throw new UnauthenticatedError('The token lacks a subject or district.');
  if (text(claims.role) === 'parent') return { kind: 'parent', id: sub, districtId };
  const schools = list(claims.schools ?? claims['custom:schools']);
  return {
    kind: 'staff',
    id: sub,
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
