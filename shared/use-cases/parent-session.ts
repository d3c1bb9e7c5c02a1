import { PasswordChangeRequiredError, UnauthenticatedError } from '../domain/errors';
import type { ParentPrincipal } from '../domain/principal';
import { accountState } from '../domain/account-state';
import { getParent, ParentAccount } from '../data/parents';

/**
 * Every parent route starts here: the account must exist and not be waiting for a password change
 * or locked, whatever token the caller holds. This is what makes the challenge block every route.
 */
export async function requireActiveParent(principal: ParentPrincipal): Promise<ParentAccount> {
  const parent = await getParent(principal.districtId, principal.id);
  if (!parent) throw new UnauthenticatedError();
  const state = accountState(parent, new Date());
  if (state === 'locked') throw new UnauthenticatedError('This account is locked.');
  if (state === 'must-change-password') throw new PasswordChangeRequiredError();
  return parent;
}
