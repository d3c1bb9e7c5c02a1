import type { Actor } from '../domain/principal';
import { config } from '../config';
import type { School } from '../data/schools';
import { codeLettersPdf, type LetterStudent } from '../documents/code-letters';
import { exportFileName, releaseCodes, type ExportedFile } from './code-exports';

// Its own module, so only the letters function bundles pdfkit and fontkit (~450 KB): the CSV
// export shares the release of codes (audit, marks) but not the PDF code.

/** Letters home, one page per student: the school's name, text and contact line, the student and the code. */
export async function codeLetters(school: School, studentIds: readonly string[], actor: Actor): Promise<ExportedFile> {
  const { ordered, codes, at } = await releaseCodes(school, studentIds, actor, 'pdf');
  const pdf = await lettersPdf(
    school,
    ordered.map((s, i) => ({ firstName: s.firstName, lastName: s.lastName, grade: s.grade, homeroom: s.homeroom, code: codes[i]!, expiresAt: s.codeExpiresAt })),
  );
  return { name: codeLettersName(school.schoolId, at), contentType: 'application/pdf', bytes: pdf };
}

/** The letters' PDF; each letter carries the portal link as a QR code when the deployment names the portal (PORTAL_URL). */
export const lettersPdf = (school: School, students: readonly LetterStudent[]) => codeLettersPdf(school, students, { portalUrl: config.PORTAL_URL });

export const codeLettersName = (schoolId: string, at: string, grade?: string) => exportFileName('code-letters', 'pdf', schoolId, at, grade);
