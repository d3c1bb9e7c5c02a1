import { randomUUID } from 'node:crypto';
import { UnauthenticatedError, ChallengeExhaustedError, WeakPasswordError } from '../domain/errors';
import { hashPassword, verifyPassword } from '../domain/passwords';
import { passwordProblems, PASSWORD_PROBLEM_TEXT } from '../domain/password-policy';
import { getParent } from '../data/parents';
import { completeNewPassword, countChallengeAttempt } from '../data/parent-accounts';
import { config } from '../config';
import { CHALLENGE_AUDIENCE, verifyIssuedToken } from '../auth/tokens';
import { sessionFor } from './parent-sign-in';

/**
 * The challenge's only step: set a new password. It must meet the rules of `passwordProblems`
 * and may not be the temporary password (which can never become permanent). The rules are
 * checked before any hashing; each attempt that does hash is counted against the challenge
 * (`NEW_PASSWORD_MAX_ATTEMPTS`), so a stolen challenge cannot buy unlimited work.
 *
 * The change ends every session and every device's trust (the device generation moves on) and
 * makes the browser that made it the account's one trusted device. It takes no device token:
 * a challenge always follows a temporary password, which has already ended every device's trust.
 */
export async function answerNewPasswordChallenge(session: string, newPassword: string) {
  const claims = await verifyIssuedToken(session, CHALLENGE_AUDIENCE);
  const parent = await getParent(String(claims.district), claims.sub);
  const challengeId = parent?.challengeId;
  if (!parent || !challengeId || challengeId !== claims.cid || !parent.tempPassword) throw notValid();
  const problems: string[] = passwordProblems(newPassword, parent);
  if (problems.length) throw weak(problems);
  if (!(await countChallengeAttempt(parent, challengeId, config.NEW_PASSWORD_MAX_ATTEMPTS))) {
    throw new ChallengeExhaustedError();
  }
  if (await verifyPassword(newPassword, parent.tempPassword.hash)) throw weak(['SAME_AS_TEMPORARY']);
  const at = new Date().toISOString();
  const device = { id: randomUUID(), at };
  const versions = await completeNewPassword(parent, challengeId, await hashPassword(newPassword), device, {
    districtId: parent.districtId, action: 'parent.password-changed', actor: { type: 'parent', id: parent.parentId }, at, parentId: parent.parentId,
  });
  if (versions === undefined) throw notValid();
  return sessionFor(parent, versions.sessionVersion, { id: device.id, generation: versions.deviceGeneration });
}

const notValid = () => new UnauthenticatedError('This password change is no longer valid. Sign in again.');
const weak = (problems: string[]) =>
  new WeakPasswordError(problems.map((problem) => ({ problem, message: PASSWORD_PROBLEM_TEXT[problem]! })));
