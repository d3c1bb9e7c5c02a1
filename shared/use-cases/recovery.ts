import { config } from '../config';
import { UnauthenticatedError, WeakPasswordError } from '../domain/errors';
import { foldEmail, foldUserName } from '../domain/names';
import { passwordProblems, PASSWORD_PROBLEM_TEXT } from '../domain/password-policy';
import { hashPassword } from '../domain/passwords';
import { readResetToken, sameHash } from '../domain/reset-tokens';
import { completePasswordReset, recordRecoveryRequest } from '../data/parent-accounts';
import { findParentIdByUserName, findParentIdsByEmail, getParent } from '../data/parents';
import type { ThrottleKey } from '../data/throttle';
import { reserveGuess } from './guessing-limits';

/*
 * Self-service recovery for parents, with no one at the school to call: the user name by mail,
 * and a single-use password reset link (≤ 30 minutes) by mail. Nothing is ever answered to the
 * requester but "if an account matches, we sent a mail": the mail goes only to the address on
 * file, so knowing someone's email or user name gains nothing.
 */

export interface RecoveryRequest {
  districtId: string;
  sourceIp: string;
}

/** What both requests answer, whatever matched. */
const ACCEPTED = {
  accepted: true as const,
  message: 'If an account matches, a mail is on its way to the address the school has on file. It can take a few minutes; check the spam folder too.',
};

/**
 * "Forgot my user name": mails the user name of every account with this email.
 * 1. Limited per (district, email) and per address; the limit is keyed by what was typed, so a
 *    429 tells nothing about whether an account exists.
 * 2. Each matching account gets an audited `recovery.user-name` notice; no match writes the same
 *    pair of items (an unmatched event), so the answer and its cost are the same.
 */
export async function recoverUserName(input: RecoveryRequest & { email: string }) {
  const now = new Date();
  await reserveGuess(limits(input, `email:${foldEmail(input.email)}`), now);
  const parentIds = await findParentIdsByEmail(input.districtId, input.email);
  await recordRequests(input, parentIds, 'recovery.user-name', now.toISOString());
  return ACCEPTED;
}

/** "Reset my password": the account with this user name gets a reset link at its address on file. */
export async function requestPasswordReset(input: RecoveryRequest & { userName: string }) {
  const now = new Date();
  await reserveGuess(limits(input, `user:${foldUserName(input.userName)}`), now);
  const parentId = await findParentIdByUserName(input.districtId, input.userName);
  // An account without an email cannot be mailed: it is answered as if it did not exist.
  const parent = parentId ? await getParent(input.districtId, parentId) : undefined;
  await recordRequests(input, parent?.email ? [parent.parentId] : [], 'recovery.password-reset', now.toISOString());
  return ACCEPTED;
}

/**
 * A new password through a reset link. The link works once and only until it expires; using it
 * ends every session and every browser's trust, clears a lock and any temporary password, and the
 * parent is mailed that the password changed. Hashing is paid only for a link that matches.
 */
export async function completePasswordResetWithLink(input: RecoveryRequest & { token: string; newPassword: string }) {
  const now = new Date();
  const read = readResetToken(input.token);
  // One limit per address for links: a token is unguessable, this caps the hashing a caller can cause.
  await reserveGuess([[{ scope: 'recovery-address', subject: `reset:${input.sourceIp}` }, config.RECOVERY_MAX_PER_ADDRESS]], now);
  const parent = read && /^[A-Za-z0-9_-]{1,128}$/.test(read.parentId) ? await getParent(input.districtId, read.parentId) : undefined;
  const open = parent?.passwordReset;
  if (!parent || !open || !sameHash(open.hash, read!.hash) || open.expiresAt <= now.toISOString()) throw linkNotValid();
  const problems = passwordProblems(input.newPassword, parent);
  if (problems.length) throw new WeakPasswordError(problems.map((problem) => ({ problem, message: PASSWORD_PROBLEM_TEXT[problem]! })));
  const at = now.toISOString();
  const done = await completePasswordReset(
    parent,
    open.hash,
    await hashPassword(input.newPassword),
    { districtId: parent.districtId, action: 'parent.password-reset', actor: { type: 'parent', id: parent.parentId }, at, parentId: parent.parentId, details: { by: 'reset-link' } },
    { type: 'parent.password-reset', at, districtId: parent.districtId, parentId: parent.parentId },
  );
  if (!done) throw linkNotValid();
  return { userName: parent.userName, passwordChanged: true as const };
}

const linkNotValid = () => new UnauthenticatedError('This reset link is not valid: it was used, replaced by a newer one, or expired. Ask for a new one.');

function limits(input: RecoveryRequest, subject: string): [ThrottleKey, number][] {
  return [
    [{ scope: 'recovery-account', subject: `${input.districtId}#${subject}` }, config.RECOVERY_MAX_PER_ACCOUNT],
    [{ scope: 'recovery-address', subject: input.sourceIp }, config.RECOVERY_MAX_PER_ADDRESS],
  ];
}

async function recordRequests(input: RecoveryRequest, parentIds: readonly string[], type: 'recovery.user-name' | 'recovery.password-reset', at: string) {
  const kind = type === 'recovery.user-name' ? 'user-name' : 'password-reset';
  const requests = parentIds.length ? parentIds : [undefined];
  for (const parentId of requests) {
    await recordRecoveryRequest(
      {
        districtId: input.districtId, action: 'parent.recovery-requested', actor: { type: 'parent', id: parentId ?? 'unknown' }, at,
        ...(parentId ? { parentId } : {}), details: { kind, matched: Boolean(parentId), sourceIp: input.sourceIp },
      },
      { type: parentId ? type : 'recovery.unmatched', at, districtId: input.districtId, parentId: parentId ?? 'none' },
    );
  }
}
