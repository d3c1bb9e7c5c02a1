import { config } from '../config';
import { schoolRef } from '../data/keys';
import { NotFoundError, BusyError, NoDefaultPasswordError, TimeBudgetExceededError, ValidationError } from '../domain/errors';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { accountState } from '../domain/account-state';
import { defaultPassword, hashPassword, randomTemporaryPassword } from '../domain/passwords';
import { mapWithConcurrency } from '../concurrency';
import type { School } from '../data/schools';
import { getStudents, searchStudentIds, type Student } from '../data/student-profiles';
import { linksOfParent } from '../data/links';
import { linkSummaryOf } from '../data/link-summary';
import { guardiansOfStudent } from '../data/guardians';
import { writeAuditEvents } from '../data/audit';
import { findParentIdByUserName, findParentIdsByEmail, getParents, searchParentNameKeys } from '../data/parents';
import { setTemporaryPasswordsTogether, temporaryPasswordItemCount, unlockAccount } from '../data/parent-accounts';
import { accountAuditSchools, requireManagedParents } from './visible-parents';
import { countMetric } from '../observability';
import { mergeNameMatches, parseNameQuery, planNameSearch } from '../domain/name-search';
import { METRICS } from '../metric-names';

/*
 * What school staff do with parent accounts: find a parent, set temporary passwords, unlock.
 * Parents themselves sign in and out in parent-sign-in.ts.
 */

const DAY_MS = 86_400_000;

export type ParentSearchBy = 'any' | 'name' | 'student' | 'email' | 'userName';
export type ParentSearch = { by: ParentSearchBy; q: string; limit: number };
export type MatchedBy = 'name' | 'student' | 'email' | 'userName';

/**
 * The bounds of one parent search, whatever the district's size: students of the school whose
 * parents it looks at, parents it reads (one BatchGet), and parents neither rostered here nor
 * found through a child here whose links it reads to see whether this school may see them.
 */
export const SEARCH_MAX_CHILDREN = 10;
export const SEARCH_MAX_CANDIDATES = 100;
export const SEARCH_MAX_LINK_CHECKS = 10;

interface Candidate {
  parentId: string;
  matchedBy: MatchedBy;
  /** The child of this school the search named (student matches). */
  child?: { studentId: string; firstName: string; lastName: string };
  /** Found through a link to a student of this school: the school may see them. */
  linkedHere?: boolean;
}

/**
 * Find a parent (a forgotten user name) from one box. `by=any` (the default) tries, at once:
 * the exact user name; the parent's own name as people type it ("Rosa Abbiatici",
 * "abbiatici, rosa", "ROSA": shared/domain/name-search.ts, on the district's parents); a child
 * of this school by exact student number or by name ("Giulia", "Giulia Abbiatici"), then that
 * child's linked parents and the guardians the school's roster names for the child. A query
 * holding "@" is an email, matched exactly. `by=name|student|email|userName` keeps to one way.
 * Each parent shown says how it was found (`matchedBy`, and for a child the child).
 *
 * Only parents this school rosters or who linked a child of this school are shown, with only
 * this school's students. A parent linked to one of the school's students but rostered
 * elsewhere is shown (the office can tell the parent their user name), but the account can be
 * changed only by a rostering school or district-wide staff (`requireManagedParents`).
 *
 * In order: user name, email, student number, the parent's own name (name order), a child's name
 * (the children's name order); a parent found twice is shown once, as found first.
 *
 * Audit: one `parents.searched` event per search in the school's trail, never the query text
 * (it is often a person's name): `details.by`, `details.count`, `details.parents` (the ids
 * shown, space-separated) and `details.more`. When the search shows exactly one parent — the
 * office found whom it looked for — the event also names that parent (`parentId`), so it is in
 * the parent's own trail (`?parentId=`); a search listing several is found by its action and
 * the ids in its details, not in each parent's trail (one event per parent shown was up to 50
 * writes a search, and a list of candidates is not a look-up of each).
 *
 * Bounded work, one round trip after another: (1) the school (handler); (2) at once: the user
 * name GetItem, the email query, the parents' name plan (≤ 10 queries) and the students' (the
 * number look-up and ≤ 10 queries); (3) the matched children (one BatchGet of ≤ 10, their
 * link summaries) and their guardians (≤ 10 queries); (4) one BatchGet of ≤ 100 parents;
 * (5) the links of the parents shown and of ≤ 10 more to check (≤ limit + 10 queries); (6) their
 * students here (a BatchGet per 100); (7) the audit put. At most 1 + 23 + 11 + 1 + 60 + 1 + 1
 * requests (limit 50), typically 20–40; 7 round trips.
 */
export async function findParents(school: School, staff: StaffPrincipal, search: ParentSearch, actor: Actor) {
  const district = school.districtId;
  const q = search.q;
  const ways: MatchedBy[] = search.by === 'any' ? (q.includes('@') ? ['email'] : ['userName', 'name', 'student']) : [search.by];
  const nameQuery = ways.includes('name') || ways.includes('student') ? parseNameQuery(q) : undefined;

  const [byUserName, byEmail, byName, children] = await Promise.all([
    ways.includes('userName') ? findParentIdByUserName(district, q) : undefined,
    ways.includes('email') ? findParentIdsByEmail(district, q) : [],
    ways.includes('name') ? searchParentNameKeys(district, planNameSearch(nameQuery!)).then((results) => mergeNameMatches(nameQuery!, results)) : undefined,
    ways.includes('student') ? searchStudentIds(school, q, nameQuery!, SEARCH_MAX_CHILDREN) : undefined,
  ]);
  let more = (byName ? !byName.complete : false) || (children?.more ?? false);

  // The children's own parents: the links each student item summarizes, then the roster's guardians.
  const childIds = children?.studentIds ?? [];
  const [childItems, guardians] = await Promise.all([
    childIds.length ? getStudents(school, childIds) : new Map<string, Student>(),
    Promise.all(childIds.map((id) => guardiansOfStudent(school, id))),
  ]);

  const candidates = new Map<string, Candidate>();
  const add = (candidate: Candidate) => {
    if (!candidates.has(candidate.parentId)) candidates.set(candidate.parentId, candidate);
  };
  if (byUserName) add({ parentId: byUserName, matchedBy: 'userName' });
  for (const parentId of byEmail) add({ parentId, matchedBy: 'email' });
  const childCandidates = (wanted: 'studentNumber' | 'name') =>
    childIds.forEach((studentId, i) => {
      const student = childItems.get(studentId);
      if (!student || children!.matchedBy !== wanted) return;
      const child = { studentId, firstName: student.firstName, lastName: student.lastName };
      for (const link of linkSummaryOf(student)) add({ parentId: link.parentId, matchedBy: 'student', child, linkedHere: true });
      for (const parentId of guardians[i]!) add({ parentId, matchedBy: 'student', child });
    });
  childCandidates('studentNumber');
  for (const match of byName?.matches ?? []) add({ parentId: match.id, matchedBy: 'name' });
  childCandidates('name');

  const ordered = [...candidates.values()];
  if (ordered.length > SEARCH_MAX_CANDIDATES) more = true;
  const considered = ordered.slice(0, SEARCH_MAX_CANDIDATES);
  const parents = await getParents(district, considered.map((c) => c.parentId));

  // Who may be shown: rostered here or linked to a child here. Others cost a links query to
  // tell; at most SEARCH_MAX_LINK_CHECKS of them, and only until `limit` certain ones are found.
  const selected: Candidate[] = [];
  let known = 0;
  let checks = 0;
  for (const [i, candidate] of considered.entries()) {
    const parent = parents.get(candidate.parentId);
    if (!parent) continue;
    if (known >= search.limit) {
      more ||= considered.slice(i).some((c) => parents.has(c.parentId));
      break;
    }
    if (parent.rosterSchools?.has(school.schoolId) || candidate.linkedHere) {
      known++;
      selected.push(candidate);
    } else if (checks < SEARCH_MAX_LINK_CHECKS) {
      checks++;
      selected.push(candidate);
    } else {
      more = true;
    }
  }
  const links = await mapWithConcurrency(selected, 32, async (c) => (await linksOfParent(district, c.parentId)).filter((l) => l.schoolId === school.schoolId));
  const visible = selected
    .map((candidate, i) => ({ candidate, parent: parents.get(candidate.parentId)!, links: links[i]! }))
    .filter(({ parent, links }) => parent.rosterSchools?.has(school.schoolId) || links.length > 0);
  if (visible.length > search.limit) more = true;
  const shown = visible.slice(0, search.limit);
  const students = await getStudents(school, shown.flatMap((s) => s.links.map((l) => l.studentId)));

  const now = new Date();
  const items = shown.map(({ candidate, parent, links }) => ({
    parentId: parent.parentId,
    firstName: parent.firstName,
    lastName: parent.lastName,
    userName: parent.userName,
    email: parent.email,
    accountState: accountState(parent, now),
    lastSignInAt: parent.lastSignInAt,
    temporaryPasswordExpiresAt: parent.tempPassword?.expiresAt,
    students: links.flatMap((l) => {
      const student = students.get(l.studentId);
      return student ? [{ studentId: student.studentId, firstName: student.firstName, lastName: student.lastName }] : [];
    }),
    // Whether this caller may set the password or unlock (what requireManagedParents admits).
    managed: staff.schools === 'district' || (parent.rosterSchools?.has(school.schoolId) ?? false),
    matchedBy: candidate.matchedBy,
    ...(candidate.child ? { matchedStudent: candidate.child } : {}),
  }));
  await writeAuditEvents([
    {
      ...schoolRef(school),
      action: 'parents.searched',
      actor,
      at: now.toISOString(),
      ...(items.length === 1 ? { parentId: items[0]!.parentId } : {}),
      details: { by: search.by, count: items.length, ...(items.length ? { parents: items.map((p) => p.parentId).join(' ') } : {}), ...(more ? { more } : {}) },
    },
  ]);
  return { items, more };
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
