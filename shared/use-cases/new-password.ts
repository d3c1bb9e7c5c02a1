import { AppError, UnauthenticatedError } from '../domain/errors';
import { hashPassword, verifyPassword } from '../domain/passwords';
import { passwordProblems } from '../domain/password-policy';
import { completeNewPassword, getParent } from '../data/parents';
import { CHALLENGE_AUDIENCE, verifyIssuedToken } from '../auth/tokens';
import { sessionFor } from './parent-accounts';

/**
 * The challenge's only step: set a new password. It must meet the rules of `passwordProblems`
 * and may not be the temporary password (which can never become permanent).
 */
export async function answerNewPasswordChallenge(session: string, newPassword: string) {
  const claims = await verifyIssuedToken(session, CHALLENGE_AUDIENCE);
  const parent = await getParent(String(claims.district), claims.sub);
  if (!parent || !parent.challengeId || parent.challengeId !== claims.cid || !parent.tempPassword) {
    throw new UnauthenticatedError('This password change is no longer valid. Sign in again.');
  }
  const problems: string[] = passwordProblems(newPassword, parent);
  if (await verifyPassword(newPassword, parent.tempPassword.hash)) problems.push('SAME_AS_TEMPORARY');
  if (problems.length) {
    throw new AppError(400, 'WEAK_PASSWORD', 'Choose another password.', problems.map((problem) => ({ problem, message: PROBLEM_TEXT[problem] })));
  }
  const at = new Date().toISOString();
  const done = await completeNewPassword(parent, parent.challengeId, await hashPassword(newPassword), {
    districtId: parent.districtId, action: 'parent.password-changed', actor: { type: 'parent', id: parent.parentId }, at, parentId: parent.parentId,
  });
  if (!done) throw new UnauthenticatedError('This password change is no longer valid. Sign in again.');
  return sessionFor(parent);
}

const PROBLEM_TEXT: Record<string, string> = {
  TOO_SHORT: 'Use at least 12 characters.',
  TOO_LONG: 'Use at most 128 characters.',
  COMMON_PASSWORD: 'This password is too common.',
  CONTAINS_NAME: 'Do not use your name in the password.',
  CONTAINS_USER_NAME: 'Do not use your user name in the password.',
  SAME_AS_TEMPORARY: 'Do not reuse the temporary password.',
};

