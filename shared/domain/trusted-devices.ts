/**
 * Browsers an account trusts (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"):
 * each successful sign-in from a browser without a valid device token adds one, a sign-in with
 * one moves it to the end, and only the `max` most recently used are kept, so an account holds
 * a handful of them, never one per sign-in.
 */
export interface TrustedDevice {
  /** The random id the device token names (`dn`). */
  id: string;
  /** When it last signed in. */
  at: string;
}

/** The account's list after `id` signed in at `at`: most recent last, the least recently used dropped past `max`. */
export function rememberDevice(devices: readonly TrustedDevice[] | undefined, id: string, at: string, max: number): TrustedDevice[] {
  return [...(devices ?? []).filter((device) => device.id !== id), { id, at }].slice(-max);
}

/**
 * A device token stands for the account only while its device is still on the account's list
 * and it carries the account's current device generation, which a staff reset, a password
 * change and "sign out everywhere" move on.
 */
export function isTrustedDevice(
  account: { trustedDevices?: readonly TrustedDevice[]; deviceGeneration?: number },
  token: Record<string, unknown>,
): token is { dn: string; dg: number } {
  return (
    typeof token.dn === 'string' &&
    token.dg === (account.deviceGeneration ?? 0) &&
    (account.trustedDevices ?? []).some((device) => device.id === token.dn)
  );
}
