/**
 * The portal keeps each account's device token in localStorage, keyed by district and folded
 * user name, so the owner's browser stays trusted across visits and two parents sharing it each
 * keep their own. Why not an HttpOnly cookie set by the API: a device token opens nothing by
 * itself (the password is still needed, and the account revokes it at a reset, a password
 * change and "sign out everywhere"); the console and the API share one origin (CloudFront in
 * AWS, 127.0.0.1:3000 locally), so a script injected into the page could spend a cookie's
 * allowance just as well by calling sign-in, and could already read the session token the tab
 * keeps in sessionStorage; the strict CSP (script-src 'self') is what keeps such scripts out.
 * A cookie would add cookie forwarding at CloudFront and CSRF care for no real gain.
 */
const PREFIX = 'parent-access.device-token';

/** User names compare as the API folds them (shared/domain/names.ts, foldUserName): NFC, lower case. */
const keyOf = (district: string, userName: string) => `${PREFIX}:${district}:${userName.trim().normalize('NFC').toLowerCase()}`;

export function deviceTokenOf(district: string, userName: string): string | undefined {
  return localStorage.getItem(keyOf(district, userName)) ?? undefined;
}

/** Keeps the token a successful sign-in (or password change) gave; an answer without one keeps the old. */
export function keepDeviceToken(district: string, userName: string, token: string | undefined) {
  if (token) localStorage.setItem(keyOf(district, userName), token);
}

export function forgetDeviceToken(district: string, userName: string) {
  localStorage.removeItem(keyOf(district, userName));
}

/** Which account this tab signed in to, so "sign out everywhere" can forget its device token too. */
const CURRENT = 'parent-access.parent-account';

export function rememberAccount(district: string, userName: string) {
  sessionStorage.setItem(CURRENT, JSON.stringify({ district, userName }));
}

export function currentAccount(): { district: string; userName: string } | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(CURRENT) ?? 'null') as { district?: unknown; userName?: unknown } | null;
    return typeof value?.district === 'string' && typeof value.userName === 'string' ? { district: value.district, userName: value.userName } : undefined;
  } catch {
    return undefined;
  }
}
