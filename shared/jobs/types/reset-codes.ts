import { countStudents, getStudent, replaceCode, studentPage } from '../../data/students';
import { issueCode } from '../../use-cases/codes';
import { retryOnConflict, RETRY } from '../../retry';
import { itemAudit, JobWork } from '../job-work';

/** Reset All: each student gets a new code; the old one stops working at once. */
const resetCodes: JobWork = {
  marker: 'resetByJob',
  count: (school) => countStudents(school.schoolId),
  async page(school, range, limit, startKey) {
    const { studentIds, nextKey } = await studentPage(school.schoolId, range, limit, startKey);
    return { ids: studentIds, nextKey };
  },
  item: (school, job, studentId) =>
    retryOnConflict(
      async () => {
        const student = await getStudent(school.schoolId, studentId);
        if (!student) return { processed: 0, effects: 0 };
        if (student.resetByJob === job.jobId || job.dryRun) return { processed: 1, effects: 1 };
        const now = new Date();
        const outcome = await replaceCode(student, await issueCode(school, studentId, now), { ...itemAudit(job, 'code.reset', now.toISOString()), studentId }, job.jobId);
        return outcome === 'replaced' ? { processed: 1, effects: 1 } : RETRY;
      },
      () => ({ processed: 1, effects: 0, failed: 'busy' }),
    ),
};

export default resetCodes;
