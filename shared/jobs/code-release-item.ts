import { Student } from '../data/student-profiles';
import { releaseCodeForJob } from '../data/student-job-writes';
import { readableCode } from '../use-cases/codes';
import { RETRY } from '../retry';
import { itemAudit, JobWork, studentItem } from './job-work';

/**
 * The item of an export job: the student's current code is released (marked exported by this
 * job and audited `code.exported`, in one transaction) and its row goes into the file. A retried
 * page finds the student released by this job with the same code and only rebuilds the row; a
 * code reset since then is released (and audited) anew, so no code reaches the file unrecorded.
 */
export function codeReleaseItem(format: 'csv' | 'pdf', row: (student: Student, code: string) => unknown): JobWork['item'] {
  return studentItem(async (_school, job, student) => {
    const grade = job.options?.grade;
    if (grade !== undefined && student.grade !== grade) return { processed: 0, effects: 0 };
    if (job.dryRun) return { processed: 1, effects: 1 };
    const released = student.exportedByJob === job.jobId && student.exportedByJobHash === student.codeHash;
    if (!released) {
      const base = itemAudit(job, 'code.exported', new Date().toISOString());
      const audit = { ...base, studentId: student.studentId, details: { ...base.details, format } };
      if (!(await releaseCodeForJob(student, job.jobId, audit))) return RETRY;
    }
    return { processed: 1, effects: 1, output: row(student, await readableCode(student)) };
  });
}
