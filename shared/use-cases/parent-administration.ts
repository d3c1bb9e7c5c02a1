import { config } from '../config';
import { schoolRef } from '../data/keys';
import { NotFoundError, BusyError, NoDefaultPasswordError, TimeBudgetExceededError, ValidationError } from '../domain/errors';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { accountState } from '../domain/account-state';
import { defaultPassword, hashPassword, randomTemporaryPassword } from '../domain/passwords';
import { mapWithConcurrency } from '../concurrency';
import type { School } from '../data/schools';
import { getStudents, listStudentIds, findStudentIdByNumber } from '../data/student-profiles';
import { linksOfParent, linksOfStudent } from '../data/links';
import { writeAuditEvents } from '../data/audit';
import { findParentIdByUserName, findParentIdsByEmail, findParentIdsByName, getParents } from '../data/parents';
import { setTemporaryPasswordsTogether, temporaryPasswordItemCount, unlockAccount } from '../data/parent-accounts';
import { accountAuditSchools, requireManagedParents } from './visible-parents';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';

/*
 * What school staff do with parent accounts: find a parent, set temporary passwords, unlock.
 * Parents themselves sign in and out in parent-sign-in.ts.
 */

const DAY_MS = 86_400_000;

export type ParentSearch = { by: 'name' | 'student' | 'email' | 'userName'; q: string; limit: number };

/**
 * Find a parent (forgotten user name): by parent last-name prefix, student last-name prefix or
 * number, email or user name. Only parents this school rosters or whose child is in this school
 * are shown, with only this school's students. Each parent shown is an audited look-up. A parent
 * linked to one of the school's students but rostered elsewhere is shown (the office can tell the
 * parent their user name), but the account can be changed only by a rostering school or
 * district-wide staff (`requireManagedParents`).
 */
export async function findParents(school: School, staff: StaffPrincipal, search: ParentSearch, actor: Actor) {
  const district = school.districtId;
  let ids: string[];
  if (search.by === 'userName') ids = [await findParentIdByUserName(district, search.q)].filter((x): x is string => !!x);
  else if (search.by === 'email') ids = await findParentIdsByEmail(district, search.q);
  else if (search.by === 'name') ids = await findParentIdsByName(district, search.q, search.limit * 4);
  else {
    const byNumber = await findStudentIdByNumber(school, search.q);
    const studentIds = byNumber ? [byNumber] : (await listStudentIds(school, { limit: search.limit, lastNamePrefix: search.q })).studentIds;
    const links = await mapWithConcurrency(studentIds, 16, (id) => linksOfStudent(school, id));
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
    const students = await getStudents(school, links.map((l) => l.studentId));
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
      // Whether this caller may set the password or unlock (what requireManagedParents admits).
      managed: staff.schools === 'district' || (parent.rosterSchools?.has(school.schoolId) ?? false),
    });
    if (results.length >= search.limit) break;
  }
  await writeAuditEvents(
    results.map((p) => ({ ...schoolRef(school), action: 'parent.looked-up', actor, at: now.toISOString(), parentId: p.parentId, details: { by: search.by } })),
  );
  return { items: results };
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
 * time for the commit, nothing is written and the caller is pointed to the bulk job. Only parents
 * the school rosters (any, for district-wide staff); the change is recorded in the trail of every
 * school that rosters the parent.
 */
export async function setTemporaryPasswords(school: School, staff: StaffPrincipal, parentIds: readonly string[], actor: Actor, budget: TimeBudget) {
  const parents = await requireManagedParents(school, staff, parentIds);
  const trails = new Map(parents.map((parent) => [parent.parentId, accountAuditSchools(parent, school.schoolId)]));
  if (temporaryPasswordItemCount([...trails.values()].map((schools) => schools.length)) > 100) {
    throw new ValidationError('These parents are rostered by too many schools together to change in one step (each school records the change). Set fewer at once, or start a "set-passwords" bulk job.');
  }
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
      trails.get(parent.parentId)!.map((schoolId) => ({
        districtId: school.districtId, schoolId, action: 'parent.password-set', actor, at: issuedAt, parentId: parent.parentId,
        details: { policy, ...(schoolId === school.schoolId ? {} : { through: school.schoolId }) },
      })),
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
export async function setTemporaryPassword(school: School, staff: StaffPrincipal, parentId: string, actor: Actor, budget: TimeBudget) {
  const { parents } = await setTemporaryPasswords(school, staff, [parentId], actor, budget);
  return parents[0]!;
}

/**
 * Staff unlock: sign-in works again at once, and any session opened before is ended. The same
 * tenancy as setting a password; recorded in every rostering school's trail.
 */
export async function unlockParent(school: School, staff: StaffPrincipal, parentId: string, actor: Actor) {
  const [parent] = await requireManagedParents(school, staff, [parentId]);
  const at = new Date().toISOString();
  await unlockAccount(
    parent!,
    accountAuditSchools(parent!, school.schoolId).map((schoolId) => ({
      districtId: school.districtId, schoolId, action: 'parent.unlocked', actor, at, parentId, ...(schoolId === school.schoolId ? {} : { details: { through: school.schoolId } }),
    })),
  );
  return { parentId, accountState: accountState({ ...parent!, lockedUntil: undefined }, new Date()) };
}
