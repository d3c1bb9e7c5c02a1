import type { LetterStudent } from '../../documents/code-letters';
import { codeReleaseItem } from '../code-release-item';
import { JobWork, schoolStudents } from '../job-work';

/**
 * Letters home for a whole school (or one grade): each page releases its codes and keeps its
 * students' letter data as a part; files/letters-pdf.ts renders the one PDF (so only the
 * WriteFile task carries pdfkit and the fonts).
 */
const codeLetters: JobWork = {
  marker: 'exportedByJob',
  ...schoolStudents,
  item: codeReleaseItem('pdf', (s, code): LetterStudent => ({ firstName: s.firstName, lastName: s.lastName, grade: s.grade, homeroom: s.homeroom, code, expiresAt: s.codeExpiresAt })),
  file: { part: (rows) => JSON.stringify(rows) },
};

export default codeLetters;
