import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../domain/spreadsheet';
import type { Actor } from '../domain/principal';
import type { School } from '../data/schools';
import { schoolRef } from '../data/keys';
import { Student } from '../data/student-profiles';
import { markCodesExported } from '../data/student-codes';
import { writeAuditEvents } from '../data/audit';
import { mapWithConcurrency } from '../concurrency';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';
import { readableCode, requireStudents } from './codes';

export const CSV_TYPE = 'text/csv; charset=utf-8';

/** A file for the caller to download. */
export interface ExportedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

const HEADER = ['Last name', 'First name', 'Student number', 'Grade', 'Homeroom', 'Code', 'Issued at', 'Expires at'];

/** One student's row of the codes CSV, every cell spreadsheet-safe. */
export function codeCsvRow(student: Student, code: string): string[] {
  return [student.lastName, student.firstName, student.studentNumber, student.grade ?? '', student.homeroom ?? '', code, student.codeIssuedAt, student.codeExpiresAt ?? ''].map(spreadsheetSafe);
}

/**
 * CSV lines (CRLF, every field quoted so no program reads a code as a number or a date); the
 * whole file starts with a byte-order mark, so spreadsheet programs read accents right.
 */
export function codeCsvText(rows: readonly string[][], part: 'file' | 'rows' = 'file'): string {
  return stringify(part === 'file' ? [HEADER, ...rows] : [...rows], { bom: part === 'file', record_delimiter: 'windows', quoted_string: true });
}

/** A file name for an export: what, the school, the grade when narrowed to one, the day. */
export function exportFileName(what: string, extension: string, schoolId: string, at: string, grade?: string): string {
  return `${what}-${schoolId}${grade !== undefined ? `-grade-${grade.replace(/[^\w-]/g, '_')}` : ''}-${at.slice(0, 10)}.${extension}`;
}

export const codeCsvName = (schoolId: string, at: string, grade?: string) => exportFileName('codes', 'csv', schoolId, at, grade);

/**
 * The codes of the selected students, in name order, for a file: each student's export is
 * audited (with the format) and marked on the student before any file is made, so no code
 * leaves without a record of who took it. Any id not of this school refuses them all.
 */
export async function releaseCodes(school: School, studentIds: readonly string[], actor: Actor, format: 'csv' | 'pdf') {
  const students = await requireStudents(school, studentIds);
  const ordered = [...new Set(studentIds)].map((id) => students.get(id)!).sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
  const codes = await mapWithConcurrency(ordered, 16, (student) => readableCode(student));
  const at = new Date().toISOString();
  await writeAuditEvents(ordered.map((s) => ({ ...schoolRef(school), action: 'code.exported', actor, at, studentId: s.studentId, details: { format } })));
  await markCodesExported(school, ordered, at);
  countMetric(METRICS.codesExported, { districtId: school.districtId, schoolId: school.schoolId }, ordered.length);
  return { ordered, codes, at };
}

/**
 * Codes of selected students as a spreadsheet-safe CSV (UTF-8 with a byte-order mark, so
 * spreadsheet programs read accents right; CRLF lines): for mail merges after a reset.
 */
export async function exportCodes(school: School, studentIds: readonly string[], actor: Actor): Promise<ExportedFile> {
  const { ordered, codes, at } = await releaseCodes(school, studentIds, actor, 'csv');
  const csv = codeCsvText(ordered.map((s, i) => codeCsvRow(s, codes[i]!)));
  return { name: codeCsvName(school.schoolId, at), contentType: CSV_TYPE, bytes: Buffer.from(csv, 'utf8') };
}
