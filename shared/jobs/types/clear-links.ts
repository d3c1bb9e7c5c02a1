import { countStudents, getStudent, studentPage } from '../../data/students';
import { clearStudentLinksForJob, linksOfStudent } from '../../data/links';
import { retryOnConflict, RETRY } from '../../retry';
import { itemAudit, JobWork } from '../job-work';

/** Clear All: every parent link of each student goes, with an audit event per student. */
const clearLinks: JobWork = {
  marker: 'clearedByJob',
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
        if (student.clearedByJob === job.jobId) return { processed: 1, effects: student.clearedLinks ?? 0 };
        const links = await linksOfStudent(school.schoolId, studentId);
        if (job.dryRun) return { processed: 1, effects: links.length };
        const outcome = await clearStudentLinksForJob(student, links, job.jobId, { ...itemAudit(job, 'link.removed', new Date().toISOString()), studentId });
        return typeof outcome === 'object' ? { processed: 1, effects: outcome.removed } : RETRY;
      },
      () => ({ processed: 1, effects: 0, failed: 'busy' }),
    ),
};

export default clearLinks;
