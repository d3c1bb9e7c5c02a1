import { randomUUID } from 'node:crypto';
import { config } from '../config';
import { InvalidCredentialsError } from '../domain/errors';
import { foldUserName } from '../domain/names';
import { spendVerificationTime, verifyPassword } from '../domain/passwords';
import { writeAuditEvents } from '../data/audit';
import { findParentIdByUserName, getParent, ParentAccount } from '../data/parents';
import { endSessions, recordFailedSignIn, recordSignIn, spendTemporaryPassword } from '../data/parent-accounts';
import { isTrustedDevice, rememberDevice } from '../domain/trusted-devices';
import { retryOnConflict, RETRY } from '../retry';
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
 * A token is honoured while its device is on the account's list (at most `MAX_TRUSTED_DEVICES`,
 * the least recently used forgotten) and carries the account's device generation (a staff
 * reset, a password change and "sign out everywhere" move it on). Attempts with a valid token
 * share one allowance per account (`SIGN_IN_MAX_FAILURES_TRUSTED`), however many tokens there
 * are; attempts without it are limited per account and per address, and `LOCK_AFTER_FAILURES`
 * of them in a row lock the account to such clients for `LOCK_MINUTES`. Strangers can exhaust
 * only the untrusted allowance, never the owner's. Every checked attempt is audited in the
 * district's trail with the viewer's address; attempts refused by the limits are counted as a
 * metric.
 */
export async function signIn(input: SignInInput) {
  const now = new Date();
  const at = now.toISOString();
  const parentId = await findParentIdByUserName(input.districtId, input.userName);
  // Read before the limits: which allowance applies depends on the account's list of devices.
  const parent = parentId ? await getParent(input.districtId, parentId) : undefined;
  const device = input.deviceToken && parent ? await trustedDevice(input.deviceToken, parent) : undefined;
  const limits: [ThrottleKey, number][] = device
    ? [[{ scope: 'sign-in-trusted', subject: `${parent!.districtId}#${parent!.parentId}` }, config.SIGN_IN_MAX_FAILURES_TRUSTED]]
    : [
        [{ scope: 'sign-in-account', subject: accountWindowSubject(input, parent) }, config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT],
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
  const outcome = await authenticate(parent, input.password, device, now);
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

/**
 * The per-account window of untrusted attempts, for the account as it stands: a staff reset, a
 * password change or "sign out everywhere" (device generation) and an unlock or sign-out (session
 * version) open a fresh one, so failures a stranger piled up before do not refuse the owner's
 * first sign-in after staff helped. Only the owner or staff can move either on.
 */
function accountWindowSubject(input: SignInInput, parent: ParentAccount | undefined): string {
  const standing = parent ? `${parent.deviceGeneration ?? 0}.${parent.sessionVersion ?? 0}` : '-';
  return `${input.districtId}#${foldUserName(input.userName)}#${standing}`;
}

/** The device id of a device token this account still honours, or undefined (untrusted client). */
export async function trustedDevice(deviceToken: string, parent: ParentAccount): Promise<string | undefined> {
  const claims = await verifyIssuedToken(deviceToken, DEVICE_AUDIENCE).catch(() => undefined);
  if (!claims || claims.sub !== parent.parentId || claims.district !== parent.districtId) return undefined;
  return isTrustedDevice(parent, claims) ? claims.dn : undefined;
}

/** Exactly one hash, whatever the account's state: which hash is the only thing that varies. */
async function authenticate(parent: ParentAccount | undefined, password: string, deviceId: string | undefined, now: Date) {
  const at = now.toISOString();
  const locked = parent?.lockedUntil !== undefined && parent.lockedUntil > at && !deviceId;
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
  return openSession(parent!, deviceId, at);
}

/**
 * What a proven sign-in (the permanent password, or a passkey) gets: the browser on the account's
 * list of trusted devices (`deviceId`, the one its valid device token names, or a new one), the
 * failure count cleared, a session token and a device token. Undefined when a reset or "sign out
 * everywhere" came between reading the account and now: what was just checked is no longer the
 * account's word.
 */
export async function openSession(parent: ParentAccount, deviceId: string | undefined, at: string) {
  const trusted = await trustDevice(parent, deviceId ?? randomUUID(), at);
  if (trusted === 'revoked') return undefined;
  return sessionFor(parent, parent.sessionVersion ?? 0, trusted);
}

/**
 * Puts the signing-in browser on the account's list (a new one, or a known one moved to the
 * end) and clears the failure count. 'revoked' when the device generation moved since the
 * account was read; undefined (no device token this time) when the list kept changing under us.
 */
async function trustDevice(read: ParentAccount, deviceId: string, at: string): Promise<{ id: string; generation: number } | 'revoked' | undefined> {
  const generation = read.deviceGeneration ?? 0;
  let parent: ParentAccount | undefined = read;
  return retryOnConflict(async (attempt) => {
    if (attempt > 0) parent = await getParent(read.districtId, read.parentId);
    if (!parent || (parent.deviceGeneration ?? 0) !== generation) return 'revoked' as const;
    const devices = rememberDevice(parent.trustedDevices, deviceId, at, config.MAX_TRUSTED_DEVICES);
    return (await recordSignIn(parent, at, devices)) ? { id: deviceId, generation } : RETRY;
  }, () => undefined);
}

/** A session token for the given session version, and a device token for this browser when it is on the account's list. */
export async function sessionFor(parent: ParentAccount, sessionVersion: number, device: { id: string; generation: number } | undefined) {
  const signer = await tokenSigner();
  const expiresIn = config.PARENT_SESSION_MINUTES * 60;
  const token = await signer.sign({ district: parent.districtId, role: 'parent', sv: sessionVersion }, PARENT_AUDIENCE, expiresIn, parent.parentId);
  if (!device) return { token, expiresIn };
  const deviceToken = await signer.sign(
    { district: parent.districtId, dn: device.id, dg: device.generation },
    DEVICE_AUDIENCE,
    Math.round(config.DEVICE_TOKEN_DAYS * 86_400),
    parent.parentId,
  );
  return { token, expiresIn, deviceToken };
}

/**
 * Sign-out ends every session of the account (the version moves on). The browsers the account
 * trusts stay trusted: a device token alone opens nothing, and a parent who signs out after each
 * visit must not lose the allowance strangers cannot spend. `everywhere` (a lost phone, a shared
 * computer) ends every device's trust too.
 */
export async function signOut(parent: ParentAccount, everywhere = false) {
  await endSessions(parent, {
    districtId: parent.districtId, action: 'parent.signed-out', actor: { type: 'parent', id: parent.parentId }, at: new Date().toISOString(), parentId: parent.parentId,
    ...(everywhere ? { details: { everywhere: true } } : {}),
  }, everywhere);
  return { signedOut: true as const, everywhere };
}
