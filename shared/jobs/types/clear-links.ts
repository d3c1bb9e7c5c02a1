import { clearStudentLinksForJob, linksOfStudent } from '../../data/links';
import { RETRY } from '../../retry';
import { JobWork, schoolStudents, studentItem } from '../job-work';

const linksOf = (studentId: string, parentIds: readonly string[]) => parentIds.map((parentId) => `${studentId}:${parentId}`);

/**
 * Clear All: every parent link of each student goes, each parent is sent a notice, and one audit
 * event per page lists the links removed (`student:parent`), as Reset All lists its students.
 */
const clearLinks: JobWork = {
  marker: 'clearedByJob',
  pageAudit: { action: 'link.removed', lists: 'links' },
  ...schoolStudents,
  item: studentItem(async (school, job, student) => {
    // Cleared by an earlier attempt of this page: counted and listed again from the marker.
    if (student.clearedByJob === job.jobId) {
      const parents = student.clearedParents ?? [];
      return { processed: 1, effects: parents.length, audited: linksOf(student.studentId, parents) };
    }
    const links = await linksOfStudent(school, student.studentId);
    if (job.dryRun) return { processed: 1, effects: links.length };
    const outcome = await clearStudentLinksForJob(student, links, job.jobId, new Date().toISOString());
    if (typeof outcome !== 'object') return RETRY;
    return { processed: 1, effects: outcome.removed, audited: linksOf(student.studentId, links.map((link) => link.parentId)) };
  }),
};

export default clearLinks;
