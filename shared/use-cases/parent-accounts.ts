import { randomUUID } from 'node:crypto';
import { config } from '../config';
import { AppError, InvalidCredentialsError, NotFoundError } from '../domain/errors';
import type { Actor } from '../domain/principal';
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
  recordFailedSignIn,
  recordSignIn,
  setTemporaryPassword,
  spendTemporaryPassword,
  unlockAccount,
} from '../data/parents';
import { reserveGuess } from './guessing-limits';
import { CHALLENGE_AUDIENCE, PARENT_AUDIENCE, tokenSigner } from '../auth/tokens';

const DAY_MS = 86_400_000;
/** Staff-set passwords per synchronous call: each costs one scrypt hash (~0.5 s of a core). */
export const MAX_PASSWORDS_PER_CALL = 25;

export type ParentSearch = { by: 'name' | 'student' | 'email' | 'userName'; q: string; limit: number };

/**
 * Find a parent (forgotten user name): by parent last-name prefix, student last-name prefix or
 * number, email or user name. Only parents this school rosters or whose child is in this school
 * are shown, with only this school's students. Each parent shown is an audited look-up.
 */
export { requireActiveParent } from './parent-session';

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

/**
 * Set the password of one or selected parents to a temporary one, per the school's policy:
 * `default` is last name + first initial as stored (see `defaultPassword`), `random` a random one
 * returned once in this response. Either way it expires, works once, and must be changed at the
 * next sign-in. Every parent is checked before any is changed.
 */
export async function setTemporaryPasswords(school: School, parentIds: readonly string[], actor: Actor) {
  const parents = await requireVisibleParents(school, parentIds);
  const policy = school.passwordPolicy ?? 'default';
  const planned = parents.map((parent) => ({
    parent,
    password: policy === 'random' ? randomTemporaryPassword() : defaultPassword(parent.firstName, parent.lastName),
  }));
  const impossible = planned.filter((p) => !p.password).map((p) => p.parent.parentId);
  if (impossible.length) {
    throw new AppError(422, 'NO_DEFAULT_PASSWORD', 'A default password needs a first and last name on record.', impossible);
  }
  // scrypt is CPU- and memory-bound (128 MiB each): a few at a time.
  const results = await mapWithConcurrency(planned, 4, async ({ parent, password }) => {
    const now = new Date();
    const tempPassword = {
      hash: await hashPassword(password!),
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.TEMPORARY_PASSWORD_DAYS * DAY_MS).toISOString(),
    };
    const at = now.toISOString();
    const ok = await setTemporaryPassword(
      parent,
      tempPassword,
      { schoolId: school.schoolId, action: 'parent.password-set', actor, at, parentId: parent.parentId, details: { policy } },
      { type: 'parent.password-set', at, districtId: parent.districtId, parentId: parent.parentId, schoolId: school.schoolId },
    );
    if (!ok) throw new NotFoundError('Parent');
    return {
      parentId: parent.parentId,
      userName: parent.userName,
      policy,
      expiresAt: tempPassword.expiresAt,
      ...(policy === 'random' ? { temporaryPassword: password } : {}),
    };
  });
  return { parents: results };
}

export async function unlockParent(school: School, parentId: string, actor: Actor) {
  const [parent] = await requireVisibleParents(school, [parentId]);
  await unlockAccount(parent!, { schoolId: school.schoolId, action: 'parent.unlocked', actor, at: new Date().toISOString(), parentId });
  return { parentId, accountState: accountState({ ...parent!, lockedUntil: undefined }, new Date()) };
}

/**
 * Parent sign-in. A permanent password yields a session token; an unused, unexpired temporary
 * password yields only a NEW_PASSWORD_REQUIRED challenge (and is spent). Unknown user names,
 * wrong passwords and locked accounts get one answer and take the same time. Failures are
 * throttled per account and per address; `LOCK_AFTER_FAILURES` in a row lock the account.
 */
export async function signIn(input: { districtId: string; userName: string; password: string; sourceIp: string }) {
  const now = new Date();
  const release = await reserveGuess(
    [
      [{ scope: 'sign-in-account', subject: `${input.districtId}#${input.userName.normalize('NFC').toLowerCase()}` }, config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT],
      [{ scope: 'sign-in-address', subject: input.sourceIp }, config.SIGN_IN_MAX_FAILURES_PER_ADDRESS],
    ],
    now,
  );
  const outcome = await authenticate(input, now);
  if (!outcome) throw new InvalidCredentialsError();
  await release();
  return outcome;
}

async function authenticate(input: { districtId: string; userName: string; password: string }, now: Date) {
  const parentId = await findParentIdByUserName(input.districtId, input.userName);
  const parent = parentId ? await getParent(input.districtId, parentId) : undefined;
  if (!parent || accountState(parent, now) === 'locked') {
    await spendVerificationTime(input.password);
    return undefined;
  }
  const at = now.toISOString();
  const tempPassword = parent.tempPassword;
  if (tempPassword && !parent.temporaryUsedAt && tempPassword.expiresAt > at && (await verifyPassword(input.password, tempPassword.hash))) {
    const challengeId = randomUUID();
    if (!(await spendTemporaryPassword(parent, challengeId, at))) return undefined;
    const session = await (await tokenSigner()).sign({ district: parent.districtId, cid: challengeId }, CHALLENGE_AUDIENCE, 600, parent.parentId);
    return { challenge: 'NEW_PASSWORD_REQUIRED' as const, session, expiresIn: 600 };
  }
  if (parent.passwordHash && (await verifyPassword(input.password, parent.passwordHash))) {
    await recordSignIn(parent, at);
    return sessionFor(parent);
  }
  if (!parent.passwordHash && !tempPassword) await spendVerificationTime(input.password);
  const lockUntil = new Date(now.getTime() + config.LOCK_MINUTES * 60_000).toISOString();
  await recordFailedSignIn(parent, config.LOCK_AFTER_FAILURES, lockUntil, {
    districtId: parent.districtId, action: 'parent.locked', actor: { type: 'system', id: 'sign-in' }, at, parentId: parent.parentId,
  });
  return undefined;
}

export async function sessionFor(parent: ParentAccount) {
  const expiresIn = config.PARENT_SESSION_MINUTES * 60;
  const token = await (await tokenSigner()).sign({ district: parent.districtId, role: 'parent' }, PARENT_AUDIENCE, expiresIn, parent.parentId);
  return { token, expiresIn };
}
