import { getGuardian, guardiansOfStudent, type Guardian } from '../../data/guardians';
import { getStudents } from '../../data/student-profiles';
import type { School } from '../../data/schools';
import { inviteGuardian } from '../../use-cases/invitations';
import { JobWork, schoolStudents, type ItemResult, type JobRef } from '../job-work';

/**
 * Which student of the job's scope a guardian is counted at: the first of its named children in
 * scope (the grade, if the job has one). Siblings share guardians; each guardian is invited and
 * counted once, at that child, however the pages fall and however often one is retried.
 */
export async function countedAt(school: School, guardian: Guardian, grade: string | undefined): Promise<string | undefined> {
  if (!grade) return guardian.studentIds[0];
  const students = await getStudents(school, guardian.studentIds);
  return guardian.studentIds.find((id) => students.get(id)?.grade === grade);
}

async function inviteOne(school: School, job: JobRef, guardian: Guardian): Promise<ItemResult['tally']> {
  if (!guardian.hasEmail) return { noEmail: 1 };
  if (guardian.state === 'linked' || guardian.state === 'registered') return { alreadyLinked: 1 };
  if (job.dryRun) return { invited: 1 };
  // Invited by an earlier attempt of this page: counted again, not invited again.
  if (guardian.invitedByJob === job.jobId) return { invited: 1 };
  const outcome = await inviteGuardian(school, guardian.parentId, job.actor, job.jobId);
  return outcome === 'invited' ? { invited: 1 } : outcome === 'already-linked' ? { alreadyLinked: 1 } : { noEmail: 1 };
}

/**
 * Invitations for the school (a grade, or selected guardians) as a job with progress: items are
 * the school's students (their named guardians invited), or the selected guardians' ids.
 * Families without an email are counted (`noEmail`) and keep their code letters.
 */
const inviteGuardians: JobWork = {
  ...schoolStudents,
  async item(school, job, id, selected) {
    if (selected) {
      const guardian = await getGuardian(school, id);
      if (!guardian) return { processed: 1, effects: 0, tally: { notNamed: 1 } };
      const tally = await inviteOne(school, job, guardian);
      return { processed: 1, effects: tally?.invited ?? 0, tally };
    }
    const tally: Record<string, number> = {};
    for (const parentId of await guardiansOfStudent(school, id)) {
      const guardian = await getGuardian(school, parentId);
      if (!guardian || (await countedAt(school, guardian, job.options?.grade)) !== id) continue;
      for (const [name, n] of Object.entries((await inviteOne(school, job, guardian)) ?? {})) tally[name] = (tally[name] ?? 0) + n;
    }
    return { processed: 1, effects: tally.invited ?? 0, tally };
  },
};

export default inviteGuardians;
