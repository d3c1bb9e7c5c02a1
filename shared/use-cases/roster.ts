import { BusyError, UserNameTakenError, ParentRosteredElsewhereError } from '../domain/errors';
import { schoolRef } from '../data/keys';
import { Actor } from '../domain/principal';
import { foldUserName } from '../domain/names';
import { retryOnConflict, RETRY } from '../retry';
import { mapWithConcurrency } from '../concurrency';
import type { School } from '../data/schools';
import { createStudent, getStudent, getStudents, StudentProfile, updateStudentProfile } from '../data/student-profiles';
import { nameGuardian } from '../data/guardians';
import { MAX_NAMED_CHILDREN } from '../domain/invitations';
import { findParentIdByUserName, getParents, Parent } from '../data/parents';
import { upsertParentProfile } from '../data/parent-roster';
import { issueCode } from './codes';
import type { RosterChunk } from '../domain/oneroster';
import { createLink, linkCreatedByJob } from '../data/links';

export interface RosterInput {
  students: Omit<StudentProfile, 'schoolId'>[];
  /** `studentIds`: the children the SIS names for this guardian at this school (absent: left as they are). */
  parents: (Omit<Parent, 'districtId'> & { studentIds?: readonly string[] })[];
}

/**
 * Idempotent roster upsert, as an SIS would call it nightly. New students get their first code;
 * existing students keep theirs and only have changed roster fields written. Records that are
 * already as sent are not written and not audited, so a repeated call changes nothing.
 *
 * Tenancy: a school's roster may create parents and update the parents it already rosters. A
 * parent rostered only by other schools of the district can be claimed by district-wide staff
 * (`mayClaimParents`) only, and the claim is audited in every school that rosters the parent.
 * Everything is checked before anything is written.
 *
 * `byJob`: the import job writing. Each record it writes carries the job's marker, so when the
 * job's page is retried (a crash or throttling part-way), records its first attempt wrote count
 * as that attempt did (created, updated, written) instead of as unchanged: the job's tally is exact.
 */
export async function upsertRoster(school: School, roster: RosterInput, actor: Actor, mayClaimParents = false, byJob?: string) {
  const at = () => new Date().toISOString();
  await checkRosterParents(school, roster.parents, mayClaimParents);
  const studentOutcomes = await mapWithConcurrency(roster.students, 16, async (input) => {
    const profile = { ...input, ...schoolRef(school) };
    return retryOnConflict(async () => {
      const existing = await getStudent(school, input.studentId);
      if (existing) {
        const same =
          existing.firstName === input.firstName &&
          existing.lastName === input.lastName &&
          existing.studentNumber === input.studentNumber &&
          existing.grade === input.grade &&
          existing.homeroom === input.homeroom;
        if (same) return byJob !== undefined && existing.rosteredByJob === byJob ? (existing.rosterOutcome ?? 'unchanged') : ('unchanged' as const);
        await updateStudentProfile(profile, { ...schoolRef(school), action: 'student.updated', actor, at: at(), studentId: input.studentId }, byJob);
        return 'updated' as const;
      }
      const now = new Date();
      const outcome = await createStudent(
        profile,
        await issueCode(school, input.studentId, now),
        { ...schoolRef(school), action: 'student.created', actor, at: now.toISOString(), studentId: input.studentId },
        byJob,
      );
      // 'exists' (a concurrent upsert won) or a code collision: read again and retry.
      return outcome === 'created' ? ('created' as const) : RETRY;
    }, () => {
      throw new BusyError('The roster changed while we wrote it. Try again.');
    });
  });
  const parentOutcomes = await mapWithConcurrency(roster.parents, 16, async ({ studentIds, ...input }) => {
    const outcome = await upsertParentProfile(
      { ...input, districtId: school.districtId },
      school.schoolId,
      { ...schoolRef(school), action: 'parent.upserted', actor, at: at(), parentId: input.parentId },
      mayClaimParents,
      byJob,
    );
    // Checked up front; only a concurrent roster call can still get here.
    if (outcome === 'user-name-taken') throw new UserNameTakenError(`User name of parent ${input.parentId} was just taken.`);
    if (outcome === 'rostered-elsewhere') throw new ParentRosteredElsewhereError(`Parent ${input.parentId} is rostered by another school.`);
    if (outcome === 'changed') throw new BusyError(`Parent ${input.parentId} changed while we wrote it. Try again.`);
    if (studentIds) await nameChildren(school, input, studentIds, actor);
    return outcome;
  });
  const count = <T extends string>(list: T[], value: T) => list.filter((o) => o === value).length;
  return {
    students: {
      created: count(studentOutcomes, 'created'),
      updated: count(studentOutcomes, 'updated'),
      unchanged: count(studentOutcomes, 'unchanged'),
    },
    parents: { written: count(parentOutcomes, 'written'), unchanged: count(parentOutcomes, 'unchanged') },
  };
}

/**
 * The children the SIS names for a guardian here, kept for invitations (students of this school
 * only; one not on the roster is left out). Idempotent: the same names write nothing.
 */
async function nameChildren(school: School, parent: Omit<Parent, 'districtId'>, studentIds: readonly string[], actor: Actor) {
  const present = await getStudents(school, studentIds);
  const named = studentIds.filter((id) => present.has(id)).slice(0, MAX_NAMED_CHILDREN);
  await retryOnConflict(
    async () => {
      const outcome = await nameGuardian(
        school,
        { parentId: parent.parentId, firstName: parent.firstName, lastName: parent.lastName, hasEmail: Boolean(parent.email) },
        named,
        { ...schoolRef(school), action: 'guardian.named', actor, at: new Date().toISOString(), parentId: parent.parentId },
      );
      return outcome === 'changed' ? RETRY : outcome;
    },
    () => {
      throw new BusyError(`The children named for parent ${parent.parentId} changed while we wrote them. Try again.`);
    },
  );
}

/** The roster's checks of its parents, before anything is written: user names free, and this school's to update. */
export async function checkRosterParents(school: School, parents: RosterInput['parents'], mayClaimParents: boolean): Promise<void> {
  await requireFreeUserNames(school.districtId, parents);
  if (!mayClaimParents) await requireOwnParents(school, parents);
}

/** A school-scoped roster names only new parents or parents this school already rosters. */
async function requireOwnParents(school: School, parents: RosterInput['parents']) {
  const existing = await getParents(school.districtId, parents.map((p) => p.parentId));
  const elsewhere = [...existing.values()].filter((p) => !p.rosterSchools?.has(school.schoolId)).map((p) => p.parentId);
  if (elsewhere.length) {
    throw new ParentRosteredElsewhereError('Some parents are rostered by another school of the district; district-wide staff must add them to this school.', elsewhere);
  }
}

/** User names are unique per district: refuse the whole roster, before writing, if one is taken. */
async function requireFreeUserNames(districtId: string, parents: RosterInput['parents']) {
  const seen = new Map<string, string>();
  const taken: { parentId: string; userName: string }[] = [];
  await mapWithConcurrency(parents, 16, async (parent) => {
    const owner = await findParentIdByUserName(districtId, parent.userName);
    if (owner && owner !== parent.parentId) taken.push({ parentId: parent.parentId, userName: parent.userName });
  });
  for (const parent of parents) {
    const key = foldUserName(parent.userName);
    if (seen.has(key)) taken.push({ parentId: parent.parentId, userName: parent.userName });
    seen.set(key, parent.parentId);
  }
  if (taken.length) {
    throw new UserNameTakenError('Some user names are already used by other parents of the district.', taken);
  }
}

/**
 * Writes part of a checked OneRoster upload (or all of it): the roster upsert, then, when asked,
 * each student linked to the guardians the SIS names. A link that exists is left alone, so
 * writing the same records again changes nothing.
 */
export async function writeRosterChunk(school: School, chunk: RosterChunk, actor: Actor, options: { linkGuardians: boolean; mayClaimParents: boolean; byJob?: string }) {
  const { byJob } = options;
  // Every guardian of the chunk has all its children here (families stay in one chunk): the names are whole.
  const named = new Map<string, string[]>();
  for (const { studentId, parentId } of chunk.guardianLinks) named.set(parentId, [...(named.get(parentId) ?? []), studentId]);
  const parents = chunk.parents.map((parent) => ({ ...parent, studentIds: named.get(parent.parentId) ?? [] }));
  const written = await upsertRoster(school, { students: chunk.students, parents }, actor, options.mayClaimParents, byJob);
  const linked = options.linkGuardians
    ? await mapWithConcurrency(chunk.guardianLinks, 16, async ({ studentId, parentId }) => {
        const at = new Date().toISOString();
        const made = await createLink(
          { schoolId: school.schoolId, studentId, districtId: school.districtId, parentId, linkedAt: at },
          { ...schoolRef(school), action: 'link.created', actor, at, studentId, parentId, reason: 'named as guardian by the SIS (OneRoster agentSourcedIds)' },
          byJob,
        );
        return made || (byJob !== undefined && (await linkCreatedByJob({ ...schoolRef(school), studentId, parentId }, byJob)));
      })
    : [];
  return { ...written, links: { created: linked.filter(Boolean).length, existing: linked.filter((made) => !made).length } };
}
