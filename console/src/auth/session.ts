/**
 * Tokens live in sessionStorage: gone when the tab closes, never shared with other tabs or sent
 * anywhere but the API's Authorization header.
 */
export type Audience = 'staff' | 'parent';

const KEY: Record<Audience, string> = { staff: 'parent-access.staff-token', parent: 'parent-access.parent-token' };

export interface StaffClaims {
  sub: string;
  district: string;
  schools: string[];
  permissions: string[];
  name?: string;
  email?: string;
  exp: number;
}

export interface ParentClaims {
  sub: string;
  district: string;
  exp: number;
}

/** Fired on window when a token is kept or forgotten, so the app re-renders. */
export const SESSION_EVENT = 'parent-access:session';

export function tokenOf(audience: Audience): string | undefined {
  const token = sessionStorage.getItem(KEY[audience]) ?? undefined;
  if (token && expired(token)) {
    sessionStorage.removeItem(KEY[audience]);
    return undefined;
  }
  return token;
}

export function keepToken(audience: Audience, token: string) {
  sessionStorage.setItem(KEY[audience], token);
  window.dispatchEvent(new Event(SESSION_EVENT));
}

export function forgetToken(audience: Audience) {
  sessionStorage.removeItem(KEY[audience]);
  window.dispatchEvent(new Event(SESSION_EVENT));
}

/** The claims of a token this tab was given by the issuer; the API verifies it, we only read it. */
export function claimsOf<T>(token: string): T {
  const payload = token.split('.')[1] ?? '';
  const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

/** Cognito sends a list claim as a string ("a,b" for custom attributes); the dev issuer as an array. */
export function staffClaims(token: string): StaffClaims {
  const raw = claimsOf<Record<string, unknown>>(token);
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
  return {
    sub: String(raw.sub),
    district: String(raw.district ?? raw['custom:district'] ?? ''),
    schools: list(raw.schools ?? raw['custom:schools']),
    permissions: list(raw.permissions ?? raw['cognito:groups']),
    name: typeof raw.name === 'string' ? raw.name : undefined,
    email: typeof raw.email === 'string' ? raw.email : undefined,
    exp: Number(raw.exp),
  };
}

function expired(token: string): boolean {
  try {
    return claimsOf<{ exp?: number }>(token).exp! * 1000 <= Date.now();
  } catch {
    return true;
  }
}
