import { deleteCodeLookup } from '../../data/student-codes';
import { resetCodeForJob } from '../../data/student-job-writes';
import { issueCode } from '../../use-cases/codes';
import { RETRY } from '../../retry';
import { JobWork, schoolStudents, studentItem } from '../job-work';

/**
 * Reset All: each student gets a new code; the old one stops working at once. Three single-item
 * writes per student (data/student-job-writes.ts, resetCodeForJob, says why they stay exact),
 * and one audit event per page that lists the students reset.
 */
const resetCodes: JobWork = {
  marker: 'resetByJob',
  pageAudit: { action: 'code.reset', lists: 'students' },
  ...schoolStudents,
  item: studentItem(async (school, job, student) => {
    if (job.dryRun) return { processed: 1, effects: 1 };
    if (student.resetByJob === job.jobId) {
      // Reset by an earlier attempt of this page, which may have died before removing the old lookup.
      if (student.prevCodeHash) await deleteCodeLookup(student.prevCodeHash);
      return { processed: 1, effects: 1, audited: student.studentId };
    }
    const outcome = await resetCodeForJob(student, await issueCode(school, student.studentId, new Date()), job.jobId);
    return outcome === 'replaced' ? { processed: 1, effects: 1, audited: student.studentId } : RETRY;
  }),
};

export default resetCodes;
