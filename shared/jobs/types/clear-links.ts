import { clearStudentLinksForJob, linksOfStudent } from '../../data/links';
import { RETRY } from '../../retry';
import { itemAudit, JobWork, schoolStudents, studentItem } from '../job-work';

/** Clear All: every parent link of each student goes, with an audit event per link. */
const clearLinks: JobWork = {
  marker: 'clearedByJob',
  ...schoolStudents,
  item: studentItem(async (school, job, student) => {
    if (student.clearedByJob === job.jobId) return { processed: 1, effects: student.clearedLinks ?? 0 };
    const links = await linksOfStudent(school.schoolId, student.studentId);
    if (job.dryRun) return { processed: 1, effects: links.length };
    const audit = { ...itemAudit(job, 'link.removed', new Date().toISOString()), studentId: student.studentId };
    const outcome = await clearStudentLinksForJob(student, links, job.jobId, audit);
    return typeof outcome === 'object' ? { processed: 1, effects: outcome.removed } : RETRY;
  }),
};

export default clearLinks;
