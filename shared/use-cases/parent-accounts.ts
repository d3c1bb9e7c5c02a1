import { randomUUID } from 'node:crypto';
import { config } from '../config';
import { NotFoundError, BusyError, NoDefaultPasswordError, TimeBudgetExceededError, InvalidCredentialsError } from '../domain/errors';
import type { Actor } from '../domain/principal';
import { foldUserName } from '../domain/names';
import { accountState } from '../domain/account-state';
import { defaultPassword, hashPassword, randomTemporaryPassword, spendVerificationTime, verifyPassword } from '../domain/passwords';
import { mapWithConcurrency } from '../concurrency';
import type { School } from '../data/schools';
import { getStudents, listStudentIds, findStudentIdByNumber } from '../data/students';
import { linksOfParent, linksOfStudent } from '../data/links';
import { writeAuditEvents } from '../data/audit';
import {
  findParentIdByUserName,
  findParentIdsByEmail,
  findParentIdsByName,
  getParent,
  getParents,
  ParentAccount,
  endSessions,
  recordFailedSignIn,
  recordSignIn,
  setTemporaryPasswordsTogether,
  spendTemporaryPassword,
  unlockAccount,
} from '../data/parents';
import type { ThrottleKey } from '../data/throttle';
import { reserveGuess, ReservedGuess } from './guessing-limits';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';
import { CHALLENGE_AUDIENCE, DEVICE_AUDIENCE, PARENT_AUDIENCE, tokenSigner, verifyIssuedToken } from '../auth/tokens';

const DAY_MS = 86_400_000;

export type ParentSearch = { by: 'name' | 'student' | 'email' | 'userName'; q: string; limit: number };

/**
 * Find a parent (forgotten user name): by parent last-name prefix, student last-name prefix or
 * number, email or user name. Only parents this school rosters or whose child is in this school
 * are shown, with only this school's students. Each parent shown is an audited look-up.
 */
export async function findParents(school: School, search: ParentSearch, actor: Actor) {
  const district = school.districtId;
  let ids: string[];
  if (search.by === 'userName') ids = [await findParentIdByUserName(district, search.q)].filter((x): x is string => !!x);
  else if (search.by === 'email') ids = await findParentIdsByEmail(district, search.q);
  else if (search.by === 'name') ids = await findParentIdsByName(district, search.q, search.limit * 4);
  else {
    const byNumber = await findStudentIdByNumber(school.schoolId, search.q);
    const studentIds = byNumber ? [byNumber] : (await listStudentIds(school.schoolId, { limit: search.limit, lastNamePrefix: search.q })).studentIds;
    const links = await mapWithConcurrency(studentIds, 16, (id) => linksOfStudent(school.schoolId, id));
    ids = [...new Set(links.flat().map((l) => l.parentId))];
  }
  const parents = await getParents(district, ids);
  const now = new Date();
  const results = [];
  for (const id of ids) {
    const parent = parents.get(id);
    if (!parent) continue;
    const links = (await linksOfParent(district, id)).filter((l) => l.schoolId === school.schoolId);
    if (!parent.rosterSchools?.has(school.schoolId) && links.length === 0) continue;
    const students = await getStudents(school.schoolId, links.map((l) => l.studentId));
    results.push({
      parentId: parent.parentId,
      firstName: parent.firstName,
      lastName: parent.lastName,
      userName: parent.userName,
      email: parent.email,
      accountState: accountState(parent, now),
      lastSignInAt: parent.lastSignInAt,
      temporaryPasswordExpiresAt: parent.tempPassword?.expiresAt,
      students: [...students.values()].map((s) => ({ studentId: s.studentId, firstName: s.firstName, lastName: s.lastName })),
    });
    if (results.length >= search.limit) break;
  }
  await writeAuditEvents(
    results.map((p) => ({ schoolId: school.schoolId, action: 'parent.looked-up', actor, at: now.toISOString(), parentId: p.parentId, details: { by: search.by } })),
  );
  return { items: results };
}

/** Parents this school may act on: rostered by it, or linked to one of its students. All or nothing. */
export async function requireVisibleParents(school: School, parentIds: readonly string[]): Promise<ParentAccount[]> {
  const unique = [...new Set(parentIds)];
  const parents = await getParents(school.districtId, unique);
  const visible = await mapWithConcurrency(unique, 16, async (id) => {
    const parent = parents.get(id);
    if (!parent) return undefined;
    if (parent.rosterSchools?.has(school.schoolId)) return parent;
    const links = await linksOfParent(school.districtId, id);
    return links.some((l) => l.schoolId === school.schoolId) ? parent : undefined;
  });
  const missing = unique.filter((_, i) => !visible[i]);
  if (missing.length) throw new NotFoundError(missing.length === 1 ? 'Parent' : `${missing.length} of the parents`);
  return visible as ParentAccount[];
}

/** Time the commit and the response need after the last hash. */
const COMMIT_RESERVE_MS = 5_000;

export interface TimeBudget {
  /** Milliseconds left before the function (or API Gateway) gives up on this request. */
  remainingMs(): number;
}

/**
 * Set the password of one or selected parents to a temporary one, per the school's policy:
 * `default` is last name + first initial as stored (see `defaultPassword`), `random` a random one
 * returned once in this response. Either way it expires, works once, and must be changed at the
 * next sign-in. All or nothing: every parent is checked, every hash computed, and only then are
 * all of them written in one transaction. If the hashing would leave too little of the request's
 * time for the commit, nothing is written and the caller is pointed to the bulk job.
 */
export async function setTemporaryPasswords(school: School, parentIds: readonly string[], actor: Actor, budget: TimeBudget) {
  const parents = await requireVisibleParents(school, parentIds);
  const policy = school.passwordPolicy ?? 'default';
  const planned = parents.map((parent) => ({
    parent,
    password: policy === 'random' ? randomTemporaryPassword() : defaultPassword(parent.firstName, parent.lastName),
  }));
  const impossible = planned.filter((p) => !p.password).map((p) => p.parent.parentId);
  if (impossible.length) {
    throw new NoDefaultPasswordError(impossible);
  }
  const outOfTime = () =>
    new TimeBudgetExceededError(`Setting ${planned.length} passwords would not finish in time, so none was changed. Set fewer at once, or start a "set-passwords" bulk job.`);
  const now = new Date();
  const issuedAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + config.TEMPORARY_PASSWORD_DAYS * DAY_MS).toISOString();
  // scrypt is CPU- and memory-bound (128 MiB each): a few at a time, and none started once the budget is spent.
  const hashed = await mapWithConcurrency(planned, 4, async ({ parent, password }) => {
    if (budget.remainingMs() < COMMIT_RESERVE_MS) throw outOfTime();
    return { parent, password: password!, hash: await hashPassword(password!) };
  });
  if (budget.remainingMs() < COMMIT_RESERVE_MS) throw outOfTime();

  const outcome = await setTemporaryPasswordsTogether(
    hashed.map(({ parent, hash }) => [
      parent,
      { hash, issuedAt, expiresAt },
      { schoolId: school.schoolId, action: 'parent.password-set', actor, at: issuedAt, parentId: parent.parentId, details: { policy } },
      { type: 'parent.password-set', at: issuedAt, districtId: parent.districtId, parentId: parent.parentId, schoolId: school.schoolId },
    ]),
  );
  if (outcome === 'missing') throw new NotFoundError('Parent');
  if (outcome === 'conflict') throw new BusyError('These accounts changed while we set the passwords; nothing was changed. Try again.');
  countMetric(METRICS.passwordsSet, { districtId: school.districtId, schoolId: school.schoolId }, hashed.length);
  return {
    parents: hashed.map(({ parent, password }) => ({
      parentId: parent.parentId,
      userName: parent.userName,
      policy,
      expiresAt,
      ...(policy === 'random' ? { temporaryPassword: password } : {}),
    })),
  };
}

/** One parent, confirmed (the article's Set Password button and OK dialog). */
export async function setTemporaryPassword(school: School, parentId: string, actor: Actor, budget: TimeBudget) {
  const { parents } = await setTemporaryPasswords(school, [parentId], actor, budget);
  return parents[0]!;
}

/** Staff unlock: sign-in works again at once, and any session opened before is ended. */
export async function unlockParent(school: School, parentId: string, actor: Actor) {
  const [parent] = await requireVisibleParents(school, [parentId]);
  await unlockAccount(parent!, { schoolId: school.schoolId, action: 'parent.unlocked', actor, at: new Date().toISOString(), parentId });
  return { parentId, accountState: accountState({ ...parent!, lockedUntil: undefined }, new Date()) };
}

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
