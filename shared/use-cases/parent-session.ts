import { UnauthenticatedError, PasswordChangeRequiredError } from '../domain/errors';
import type { ParentPrincipal } from '../domain/principal';
import { getParent, ParentAccount } from '../data/parents';

/**
 * Every parent route starts here: the account must exist, the token must belong to the account's
 * current session version (a staff reset, a password change, an unlock or a sign-out ends every
 * older session), and the account may not be waiting for a password change.
 *
 * A lock does not end a live session: locks answer failed guesses from clients without the
 * account's device token, and a session already proved the password.
 */
export async function requireActiveParent(principal: ParentPrincipal): Promise<ParentAccount> {
  const parent = await getParent(principal.districtId, principal.id);
  if (!parent) throw new UnauthenticatedError();
  if ((parent.sessionVersion ?? 0) !== principal.sessionVersion) {
    throw new UnauthenticatedError('This session has ended. Sign in again.');
  }
  if (parent.tempPassword) throw new PasswordChangeRequiredError();
  return parent;
}
