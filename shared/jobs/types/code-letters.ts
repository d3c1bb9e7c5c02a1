import { codeLettersPdf, LetterStudent } from '../../documents/code-letters';
import { codeLettersName } from '../../use-cases/code-letters';
import { codeReleaseItem } from '../code-release-item';
import { JobWork, schoolStudents } from '../job-work';

/** Letters home for a whole school (or one grade): one PDF, a page per student in name order. */
const codeLetters: JobWork = {
  marker: 'exportedByJob',
  ...schoolStudents,
  item: codeReleaseItem('pdf', (s, code): LetterStudent => ({ firstName: s.firstName, lastName: s.lastName, grade: s.grade, homeroom: s.homeroom, code, expiresAt: s.codeExpiresAt })),
  file: {
    part: (rows) => JSON.stringify(rows),
    async assemble(school, job, parts) {
      const students = parts.flatMap((part) => JSON.parse(part.toString('utf8')) as LetterStudent[]);
      return { name: codeLettersName(school.schoolId, new Date().toISOString(), job.grade), contentType: 'application/pdf', bytes: await codeLettersPdf(school, students) };
    },
  },
};

export default codeLetters;
