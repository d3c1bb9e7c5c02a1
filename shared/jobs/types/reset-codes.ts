import { replaceCode } from '../../data/students';
import { issueCode } from '../../use-cases/codes';
import { RETRY } from '../../retry';
import { itemAudit, JobWork, schoolStudents, studentItem } from '../job-work';

/** Reset All: each student gets a new code; the old one stops working at once. */
const resetCodes: JobWork = {
  marker: 'resetByJob',
  ...schoolStudents,
  item: studentItem(async (school, job, student) => {
    if (student.resetByJob === job.jobId || job.dryRun) return { processed: 1, effects: 1 };
    const now = new Date();
    const audit = { ...itemAudit(job, 'code.reset', now.toISOString()), studentId: student.studentId };
    const outcome = await replaceCode(student, await issueCode(school, student.studentId, now), audit, job.jobId);
    return outcome === 'replaced' ? { processed: 1, effects: 1 } : RETRY;
  }),
};

export default resetCodes;
