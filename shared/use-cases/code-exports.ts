import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../domain/spreadsheet';
import type { Actor } from '../domain/principal';
import type { School } from '../data/schools';
import { markCodesExported } from '../data/students';
import { writeAuditEvents } from '../data/audit';
import { mapWithConcurrency } from '../concurrency';
import { countMetric } from '../observability';
import { METRICS } from '../metric-names';
import { readableCode, requireStudents } from './codes';

/** A file for the caller to download. */
export interface ExportedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

const HEADER = ['Last name', 'First name', 'Student number', 'Grade', 'Homeroom', 'Code', 'Issued at', 'Expires at'];

/**
 * The codes of the selected students, in name order, for a file: each student's export is
 * audited (with the format) and marked on the student before any file is made, so no code
 * leaves without a record of who took it. Any id not of this school refuses them all.
 */
export async function releaseCodes(school: School, studentIds: readonly string[], actor: Actor, format: 'csv' | 'pdf') {
  const students = await requireStudents(school.schoolId, studentIds);
  const ordered = [...new Set(studentIds)].map((id) => students.get(id)!).sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
  const codes = await mapWithConcurrency(ordered, 16, (student) => readableCode(student));
  const at = new Date().toISOString();
  await writeAuditEvents(ordered.map((s) => ({ schoolId: school.schoolId, action: 'code.exported', actor, at, studentId: s.studentId, details: { format } })));
  await markCodesExported(school.schoolId, ordered, at);
  countMetric(METRICS.codesExported, { districtId: school.districtId, schoolId: school.schoolId }, ordered.length);
  return { ordered, codes, at };
}

/**
 * Codes of selected students as a spreadsheet-safe CSV (UTF-8 with a byte-order mark, so
 * spreadsheet programs read accents right; CRLF lines): for mail merges after a reset.
 */
export async function exportCodes(school: School, studentIds: readonly string[], actor: Actor): Promise<ExportedFile> {
  const { ordered, codes, at } = await releaseCodes(school, studentIds, actor, 'csv');
  const rows = ordered.map((s, i) => [s.lastName, s.firstName, s.studentNumber, s.grade ?? '', s.homeroom ?? '', codes[i]!, s.codeIssuedAt, s.codeExpiresAt ?? ''].map(spreadsheetSafe));
  const csv = stringify([HEADER, ...rows], { bom: true, record_delimiter: 'windows', quoted_string: true });
  return { name: `codes-${school.schoolId}-${at.slice(0, 10)}.csv`, contentType: 'text/csv; charset=utf-8', bytes: Buffer.from(csv, 'utf8') };
}
