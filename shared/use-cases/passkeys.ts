import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { config, type Config } from '../config';
import { PasskeyExistsError, PasskeyLimitError, PasskeyNotVerifiedError, PasskeySignInError } from '../domain/errors';
import { writeAuditEvents } from '../data/audit';
import { getParent, type ParentAccount } from '../data/parents';
import { putChallenge, recordPasskeyUse, takeChallenge, writePasskeys, type ChallengePurpose, type StoredPasskey } from '../data/passkeys';
import { retryOnConflict, RETRY } from '../retry';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';
import { reserveGuess, type ReservedGuess } from './guessing-limits';
import { openSession, trustedDevice } from './parent-sign-in';
import { accountEvent, busy, counterAccepted, defaultPasskeyName, livePasskeys, passkeyView, sameSession } from './passkey-accounts';
export { counterAccepted, defaultPasskeyName, listPasskeys, livePasskeys, passkeyView, removePasskey } from './passkey-accounts';

/*
 * Passkeys for parents (W3C Web Authentication, through @simplewebauthn/server): a signed-in
 * parent adds one (registration), signs in with it later without typing a user name
 * (discoverable credentials: the authenticator returns the account's id as the user handle),
 * lists and removes them. The password keeps working beside them.
 *
 * What a passkey proves: the holder of an authenticator the account registered, verified by it
 * (PIN or biometric; user verification is required both times), on the portal's own origin. Only
 * public keys are stored. Challenges are random, single use and short-lived (the challenges
 * table). Never logged: challenges, credentials, tokens.
 */

/** The relying party the browser and the verifier agree on. */
export interface RelyingParty {
  rpId: string;
  origin: string;
}

const LOOPBACK_IPS = new Set(['127.0.0.1', '[::1]']);

/**
 * The relying party is the parent portal. PASSKEY_RP_ID / PASSKEY_ORIGIN when set (a custom
 * domain, or an RP ID that spans subdomains); otherwise PORTAL_URL's host name and origin
 * (in AWS the CloudFront distribution that serves both the portal and the API). WebAuthn refuses
 * IP addresses as RP IDs, and `npm start` and the tests name the portal by 127.0.0.1, so a
 * loopback IP becomes `localhost` on the same port: locally passkeys work on
 * http://localhost:port (a secure context for browsers), and the portal says so on 127.0.0.1.
 */
export function relyingParty(settings: Pick<Config, 'PASSKEY_RP_ID' | 'PASSKEY_ORIGIN' | 'PORTAL_URL'> = config): RelyingParty {
  if (settings.PASSKEY_RP_ID || settings.PASSKEY_ORIGIN) {
    const origin = new URL(settings.PASSKEY_ORIGIN ?? `https://${settings.PASSKEY_RP_ID}`).origin;
    return { rpId: settings.PASSKEY_RP_ID ?? new URL(origin).hostname, origin };
  }
  if (!settings.PORTAL_URL) throw new Error('Passkeys need the portal address: set PORTAL_URL, or PASSKEY_RP_ID and PASSKEY_ORIGIN');
  const portal = new URL(settings.PORTAL_URL);
  if (LOOPBACK_IPS.has(portal.hostname)) portal.hostname = 'localhost';
  return { rpId: portal.hostname, origin: portal.origin };
}

const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

/** A new single-use challenge: stored with its purpose and expiry, returned with the options. */
async function newChallenge(purpose: ChallengePurpose, owner: { districtId: string; parentId?: string }, challenge: string, now: Date, challengeId: string) {
  const expiresAt = new Date(now.getTime() + config.PASSKEY_CHALLENGE_SECONDS * 1000).toISOString();
  await putChallenge({ challengeId, purpose, ...owner, challenge, expiresAt });
  return expiresAt;
}

/**
 * Registration options for a signed-in parent.
 * 1. Refused (409 PASSKEY_LIMIT) when the account holds PASSKEY_MAX_PER_ACCOUNT passkeys.
 * 2. A discoverable credential (resident key required, so sign-in needs no user name) with user
 *    verification required; the user id is the parent id, the account's passkeys are excluded.
 * 3. The challenge is stored for this account and purpose, for PASSKEY_CHALLENGE_SECONDS.
 */
export async function passkeyRegistrationOptions(parent: ParentAccount) {
  const live = livePasskeys(parent);
  if (live.length >= config.PASSKEY_MAX_PER_ACCOUNT) throw new PasskeyLimitError(config.PASSKEY_MAX_PER_ACCOUNT);
  const now = new Date();
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: config.PASSKEY_RP_NAME,
    rpID: rp.rpId,
    userName: parent.userName,
    userID: new Uint8Array(Buffer.from(parent.parentId, 'utf8')),
    userDisplayName: `${parent.firstName} ${parent.lastName}`.trim(),
    challenge: new Uint8Array(randomBytes(32)),
    timeout: config.PASSKEY_CHALLENGE_SECONDS * 1000,
    attestationType: 'none',
    excludeCredentials: live.map((passkey) => ({ id: passkey.credentialId, ...(passkey.transports ? { transports: passkey.transports } : {}) })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  const challengeId = randomId(16);
  const expiresAt = await newChallenge('registration', { districtId: parent.districtId, parentId: parent.parentId }, options.challenge, now, challengeId);
  return { challengeId, expiresAt, options: { ...options } };
}

export interface RegisterPasskeyInput {
  challengeId: string;
  name?: string;
  response: RegistrationResponseJSON;
}

/**
 * Adds a passkey to the signed-in parent's account.
 * 1. Uses up the registration challenge, which must be this account's, unexpired and unused
 *    (else 400 PASSKEY_NOT_VERIFIED); a wrong purpose leaves it unused.
 * 2. Verifies the authenticator's answer: the challenge, the portal's origin and RP ID, user
 *    presence and verification (else 400 PASSKEY_NOT_VERIFIED). No attestation is asked for:
 *    parents use what they have.
 * 3. Keeps the public key, counter and transports on the account with a `parent.passkey-added`
 *    event in one transaction, conditional on the list read (409 PASSKEY_EXISTS, PASSKEY_LIMIT).
 */
export async function registerPasskey(parent: ParentAccount, input: RegisterPasskeyInput) {
  const at = new Date().toISOString();
  if (livePasskeys(parent).length >= config.PASSKEY_MAX_PER_ACCOUNT) throw new PasskeyLimitError(config.PASSKEY_MAX_PER_ACCOUNT);
  const challenge = await takeChallenge(input.challengeId, { purpose: 'registration', districtId: parent.districtId, parentId: parent.parentId }, at);
  if (!challenge) throw new PasskeyNotVerifiedError();
  const rp = relyingParty();
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    requireUserPresence: true,
    requireUserVerification: true,
  }).catch(() => undefined); // The reason may quote the challenge: never logged or shown.
  if (!verified?.verified) throw new PasskeyNotVerifiedError();
  const { credential, credentialBackedUp } = verified.registrationInfo;
  const transports = (credential.transports ?? input.response.response.transports ?? []).filter((t) => /^[a-z-]{1,32}$/.test(t)).slice(0, 8);
  const added: Omit<StoredPasskey, 'name'> = {
    passkeyId: `pk-${randomId(9)}`,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    ...(transports.length ? { transports } : {}),
    createdAt: at,
    backedUp: credentialBackedUp,
    deviceGeneration: parent.deviceGeneration ?? 0,
  };
  return retryOnConflict(async (attempt) => {
    const current = attempt === 0 ? parent : await sameSession(parent);
    const live = livePasskeys(current);
    if (live.some((passkey) => passkey.credentialId === added.credentialId)) throw new PasskeyExistsError();
    if (live.length >= config.PASSKEY_MAX_PER_ACCOUNT) throw new PasskeyLimitError(config.PASSKEY_MAX_PER_ACCOUNT);
    const passkey: StoredPasskey = { ...added, name: input.name ?? defaultPasskeyName(live), deviceGeneration: current.deviceGeneration ?? 0 };
    const written = await writePasskeys(current, [...live, passkey], accountEvent(current, 'parent.passkey-added', at, { passkeyId: passkey.passkeyId, backedUp: Boolean(passkey.backedUp) }));
    return written ? { passkey: passkeyView(passkey) } : RETRY;
  }, busy);
}

/**
 * Sign-in options for a district: a discoverable-credential request (no allowCredentials, so
 * the answer is the same for every caller and reveals no account), user verification required,
 * its challenge stored for authentication in this district only.
 */
export async function passkeySignInOptions(districtId: string) {
  const now = new Date();
  const rp = relyingParty();
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: new Uint8Array(randomBytes(32)),
    timeout: config.PASSKEY_CHALLENGE_SECONDS * 1000,
    userVerification: 'required',
    allowCredentials: [],
  });
  const challengeId = randomId(16);
  const expiresAt = await newChallenge('authentication', { districtId }, options.challenge, now, challengeId);
  return { challengeId, expiresAt, options: { ...options } };
}

export interface PasskeySignInInput {
  districtId: string;
  challengeId: string;
  response: AuthenticationResponseJSON;
  sourceIp: string;
  /** The device token this browser holds for the account, if any: the account's list keeps one entry per browser. */
  deviceToken?: string;
}

/** Why a passkey sign-in failed, for the audit trail only: the caller always gets one answer. */
type Failure = 'challenge' | 'account' | 'passkey' | 'signature' | 'counter' | 'raced';

/**
 * Sign-in with a passkey.
 * 1. Limited per address (PASSKEY_SIGN_IN_MAX_FAILURES_PER_ADDRESS failures a window, 429):
 *    a signature cannot be guessed, so this caps the work a caller can cause. No per-account
 *    limit: the account is named by the caller, and strangers must not lock out the owner's
 *    passkeys. A password lock does not stop a passkey (locks answer password guesses).
 * 2. Uses up the challenge (authentication, this district, unexpired, unused).
 * 3. The user handle names the account in this district; the credential must be one of its
 *    live passkeys; the assertion must verify (origin, RP ID, user presence and verification,
 *    signature) and the counter must move on (`counterAccepted`); the new counter is written
 *    conditionally on the one read, so two answers cannot both pass.
 * 4. Then the session (and device token) an ordinary password sign-in gives, for the account's
 *    user name. Every checked attempt is audited as `parent.sign-in` (method passkey) in the
 *    district trail; every failure gets the same 401 INVALID_PASSKEY.
 */
export async function signInWithPasskey(input: PasskeySignInInput) {
  const now = new Date();
  const at = now.toISOString();
  let guess: ReservedGuess;
  try {
    guess = await reserveGuess([[{ scope: 'passkey-sign-in-address', subject: input.sourceIp }, config.PASSKEY_SIGN_IN_MAX_FAILURES_PER_ADDRESS]], now);
  } catch (error) {
    countMetric(METRICS.signInThrottled, { districtId: input.districtId });
    throw error;
  }
  const audit = (outcome: 'succeeded' | 'failed', parent: ParentAccount | undefined, details: Record<string, string | boolean>) =>
    writeAuditEvents([
      {
        districtId: input.districtId, action: 'parent.sign-in', actor: { type: 'parent', id: parent?.parentId ?? 'unknown' }, at,
        ...(parent ? { parentId: parent.parentId } : {}),
        details: { outcome, method: 'passkey', sourceIp: input.sourceIp, ...details },
      },
    ]);
  const fail = async (reason: Failure, parent?: ParentAccount, passkey?: StoredPasskey): Promise<never> => {
    await audit('failed', parent, { reason, ...(passkey ? { passkeyId: passkey.passkeyId } : {}) });
    countMetric(METRICS.signInFailed, { districtId: input.districtId });
    throw new PasskeySignInError();
  };

  const challenge = await takeChallenge(input.challengeId, { purpose: 'authentication', districtId: input.districtId }, at);
  if (!challenge) return fail('challenge');
  const parentId = accountOf(input.response.response.userHandle);
  const parent = parentId ? await getParent(input.districtId, parentId) : undefined;
  if (!parent || parent.tempPassword) return fail('account');
  const live = livePasskeys(parent);
  const passkey = input.response.id === input.response.rawId ? live.find((p) => p.credentialId === input.response.id) : undefined;
  if (!passkey) return fail('passkey', parent);
  const rp = relyingParty();
  const verified = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    // The counter rule is ours (counterAccepted), so a regression is audited as such.
    credential: { id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: 0, ...(passkey.transports ? { transports: passkey.transports } : {}) },
    requireUserVerification: true,
  }).catch(() => undefined); // The reason may quote the challenge: never logged or shown.
  if (!verified?.verified) return fail('signature', parent, passkey);
  const counter = verified.authenticationInfo.newCounter;
  if (!counterAccepted(passkey.counter, counter)) return fail('counter', parent, passkey);
  const index = (parent.passkeys ?? []).indexOf(passkey);
  if (!(await recordPasskeyUse(parent, index, passkey, counter, at))) return fail('raced', parent, passkey);

  const deviceId = input.deviceToken ? await trustedDevice(input.deviceToken, parent) : undefined;
  const session = await openSession(parent, deviceId, at);
  if (!session) return fail('raced', parent, passkey);
  await guess.release();
  await audit('succeeded', parent, { passkeyId: passkey.passkeyId, trustedDevice: Boolean(deviceId) });
  countMetric(METRICS.signInSucceeded, { districtId: input.districtId });
  return { ...session, userName: parent.userName };
}

/** The account id a user handle carries (the parent id's UTF-8 bytes), or undefined for anything that cannot be one. */
export function accountOf(userHandle: string | undefined): string | undefined {
  if (!userHandle) return undefined;
  const value = Buffer.from(userHandle, 'base64url').toString('utf8');
  return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}
