/** What staff see of a portal account, derived from its stored fields. */
export type AccountState = 'never-signed-in' | 'active' | 'must-change-password' | 'locked';

export function accountState(
  account: { passwordHash?: string; tempPassword?: unknown; lockedUntil?: string; lastSignInAt?: string },
  now: Date,
): AccountState {
  if (account.lockedUntil && account.lockedUntil > now.toISOString()) return 'locked';
  if (account.tempPassword) return 'must-change-password';
  if (account.passwordHash) return 'active';
  return 'never-signed-in';
}
