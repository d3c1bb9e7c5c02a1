import { ConflictError } from '../domain/errors';
import { Actor } from '../domain/principal';
import { mapWithConcurrency } from '../concurrency';
import type { School } from '../data/schools';
import { createStudent, getStudent, StudentProfile, updateStudentProfile } from '../data/students';
import { Parent, upsertParentProfile } from '../data/parents';
import { issueCode } from './codes';

export interface RosterInput {
  students: Omit<StudentProfile, 'schoolId'>[];
  parents: Omit<Parent, 'districtId'>[];
}

/**
 * Idempotent roster upsert, as an SIS would call it nightly. New students get their first code;
 * existing students keep theirs and only have changed roster fields written. Records that are
 * already as sent are not written and not audited, so a repeated call changes nothing.
 */
export async function upsertRoster(school: School, roster: RosterInput, actor: Actor) {
  const at = () => new Date().toISOString();
  const studentOutcomes = await mapWithConcurrency(roster.students, 16, async (input) => {
    const profile = { ...input, schoolId: school.schoolId };
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await getStudent(school.schoolId, input.studentId);
      if (existing) {
        const same =
          existing.firstName === input.firstName &&
          existing.lastName === input.lastName &&
          existing.studentNumber === input.studentNumber;
        if (same) return 'unchanged' as const;
        await updateStudentProfile(profile, { schoolId: school.schoolId, action: 'student.updated', actor, at: at(), studentId: input.studentId });
        return 'updated' as const;
      }
      const now = new Date();
      const outcome = await createStudent(
        { ...profile, districtId: school.districtId },
        await issueCode(school, now),
        { schoolId: school.schoolId, action: 'student.created', actor, at: now.toISOString(), studentId: input.studentId },
      );
      if (outcome === 'created') return 'created' as const;
      // 'exists' (a concurrent upsert won) or a code collision: read again and retry.
    }
    throw new ConflictError('BUSY', 'The roster changed while we wrote it. Try again.');
  });
  const parentOutcomes = await mapWithConcurrency(roster.parents, 16, async (input) => {
    const changed = await upsertParentProfile(
      { ...input, districtId: school.districtId },
      { schoolId: school.schoolId, action: 'parent.upserted', actor, at: at(), parentId: input.parentId },
    );
    return changed ? 'written' : 'unchanged';
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
