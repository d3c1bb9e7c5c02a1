import { randomUUID } from 'node:crypto';
import { config } from '../config';
import { InvalidCredentialsError } from '../domain/errors';
import { foldUserName } from '../domain/names';
import { spendVerificationTime, verifyPassword } from '../domain/passwords';
import { writeAuditEvents } from '../data/audit';
import { findParentIdByUserName, getParent, ParentAccount } from '../data/parents';
import { endSessions, recordFailedSignIn, recordSignIn, spendTemporaryPassword } from '../data/parent-accounts';
import type { ThrottleKey } from '../data/throttle';
import { reserveGuess, ReservedGuess } from './guessing-limits';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';
import { CHALLENGE_AUDIENCE, DEVICE_AUDIENCE, PARENT_AUDIENCE, verifyIssuedToken } from '../auth/tokens';
import { tokenSigner } from '../adapters';

/*
 * Parents signing in (and the sessions that come of it) and out. Staff administration of the
 * same accounts is in parent-administration.ts.
 */

export interface SignInInput {
  districtId: string;
  userName: string;
  password: string;
  sourceIp: string;
  /** The device token a previous successful sign-in gave this browser, if any. */
  deviceToken?: string;
}

/**
 * Parent sign-in. A permanent password yields a session token; an unused, unexpired temporary
 * password yields only a NEW_PASSWORD_REQUIRED challenge (and is spent). Unknown user names,
 * wrong passwords and locked accounts get one answer and cost exactly one hash each.
 *
 * Guessing is limited without locking the owner out (OWASP, "Slow Down Online Guessing Attacks
 * with Device Cookies"): a successful sign-in hands the browser a device token for this account.
 * Attempts with it are limited per device token only; attempts without it are limited per
 * account and per address, and `LOCK_AFTER_FAILURES` of them in a row lock the account to such
 * clients for `LOCK_MINUTES`. Strangers can exhaust only the untrusted allowance, never the
 * owner's. Every checked attempt is audited in the district's trail with its source address;
 * attempts refused by the limits are counted as a metric.
 */
export async function signIn(input: SignInInput) {
  const now = new Date();
  const at = now.toISOString();
  const parentId = await findParentIdByUserName(input.districtId, input.userName);
  const device = input.deviceToken ? await trustedDevice(input.deviceToken, input.districtId, parentId) : undefined;
  const limits: [ThrottleKey, number][] = device
    ? [[{ scope: 'sign-in-device', subject: device }, config.SIGN_IN_MAX_FAILURES_PER_DEVICE]]
    : [
        [{ scope: 'sign-in-account', subject: `${input.districtId}#${foldUserName(input.userName)}` }, config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT],
        [{ scope: 'sign-in-address', subject: input.sourceIp }, config.SIGN_IN_MAX_FAILURES_PER_ADDRESS],
      ];
  const audit = (outcome: string, id = parentId) =>
    writeAuditEvents([{ districtId: input.districtId, action: 'parent.sign-in', actor: { type: 'parent', id: id ?? 'unknown' }, at, parentId: id, details: { outcome, sourceIp: input.sourceIp, trustedDevice: Boolean(device) } }]);
  let guess: ReservedGuess;
  try {
    guess = await reserveGuess(limits, now);
  } catch (error) {
    // Not audited one by one: refused attempts cost no hash, and must not buy unbounded writes.
    countMetric(METRICS.signInThrottled, { districtId: input.districtId });
    throw error;
  }
  const parent = parentId ? await getParent(input.districtId, parentId) : undefined;
  const outcome = await authenticate(parent, input.password, Boolean(device), now);
  if (!outcome) {
    if (parent && !device) {
      const lockUntil = new Date(now.getTime() + config.LOCK_MINUTES * 60_000).toISOString();
      const locked = await recordFailedSignIn(parent, config.LOCK_AFTER_FAILURES, lockUntil, {
        districtId: parent.districtId, action: 'parent.locked', actor: { type: 'system', id: 'sign-in' }, at, parentId: parent.parentId,
        details: { sourceIp: input.sourceIp },
      });
      if (locked) countMetric(METRICS.accountLocked, { districtId: input.districtId });
    }
    await audit('failed');
    countMetric(METRICS.signInFailed, { districtId: input.districtId });
    throw new InvalidCredentialsError();
  }
  await guess.release();
  await audit('challenge' in outcome ? 'challenge' : 'succeeded');
  countMetric(METRICS.signInSucceeded, { districtId: input.districtId });
  return outcome;
}

/** The nonce of a device token issued to this account, or undefined (untrusted client). */
async function trustedDevice(deviceToken: string, districtId: string, parentId: string | undefined): Promise<string | undefined> {
  if (!parentId) return undefined;
  const claims = await verifyIssuedToken(deviceToken, DEVICE_AUDIENCE).catch(() => undefined);
  if (!claims || claims.sub !== parentId || claims.district !== districtId || typeof claims.dn !== 'string') return undefined;
  return claims.dn;
}

/** Exactly one hash, whatever the account's state: which hash is the only thing that varies. */
async function authenticate(parent: ParentAccount | undefined, password: string, trustedDevice: boolean, now: Date) {
  const at = now.toISOString();
  const locked = parent?.lockedUntil !== undefined && parent.lockedUntil > at && !trustedDevice;
  const temp = parent?.tempPassword;
  const tempUsable = temp && !parent!.temporaryUsedAt && temp.expiresAt > at;
  const candidate = !parent || locked ? undefined : tempUsable ? temp.hash : parent.passwordHash;
  if (!candidate) {
    await spendVerificationTime(password);
    return undefined;
  }
  if (!(await verifyPassword(password, candidate))) return undefined;
  if (tempUsable) {
    const challengeId = randomUUID();
    if (!(await spendTemporaryPassword(parent!, challengeId, at))) return undefined;
    const session = await (await tokenSigner()).sign({ district: parent!.districtId, cid: challengeId }, CHALLENGE_AUDIENCE, 600, parent!.parentId);
    return { challenge: 'NEW_PASSWORD_REQUIRED' as const, session, expiresIn: 600 };
  }
  await recordSignIn(parent!, at);
  return sessionFor(parent!, parent!.sessionVersion ?? 0);
}

/** A session token for the given session version, and a fresh device token for this browser. */
export async function sessionFor(parent: ParentAccount, sessionVersion: number) {
  const signer = await tokenSigner();
  const expiresIn = config.PARENT_SESSION_MINUTES * 60;
  const token = await signer.sign({ district: parent.districtId, role: 'parent', sv: sessionVersion }, PARENT_AUDIENCE, expiresIn, parent.parentId);
  const deviceToken = await signer.sign(
    { district: parent.districtId, dn: randomUUID() },
    DEVICE_AUDIENCE,
    Math.round(config.DEVICE_TOKEN_DAYS * 86_400),
    parent.parentId,
  );
  return { token, expiresIn, deviceToken };
}

/** Sign-out ends every session of the account (the version moves on). */
export async function signOut(parent: ParentAccount) {
  await endSessions(parent, {
    districtId: parent.districtId, action: 'parent.signed-out', actor: { type: 'parent', id: parent.parentId }, at: new Date().toISOString(), parentId: parent.parentId,
  });
  return { signedOut: true as const };
}
