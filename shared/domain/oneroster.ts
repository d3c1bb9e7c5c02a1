import { parse } from 'csv-parse/sync';
import { RosterFileError } from './errors';
import { forbiddenCharacter, forbiddenCharacterMessage, quoted } from './plain-text';

/**
 * OneRoster CSV (1.1 and 1.2: the columns we read are the same in both) to our roster: students
 * of one school, their guardians, and which guardian the SIS names for which student
 * (`agentSourcedIds`). The whole upload is checked before anything is written; every problem is
 * reported with its file, line (1 = the header) and column, up to MAX_PROBLEMS (and a count of
 * the rest); a cell a message repeats is cut to 80 characters, so the list stays small whatever
 * the file holds (a job stores it on its item, which DynamoDB caps at 400 KB).
 *
 * A file is read within bounded memory whatever its shape (CSV_LIMITS): before the parser builds
 * a record, a scan of the bytes refuses a cell, a row or a file past its limit by file and line,
 * so a 50 MB row of commas (50 million empty fields) or a 50 MB cell is one problem, not an
 * exhausted heap. Names and other text cells refuse control characters and bidi overrides.
 *
 * Which rows are ours: the school is the org in orgs.csv whose sourcedId or identifier is our
 * school id (without orgs.csv, the sourcedId itself); a student is ours when their
 * orgSourcedIds, or an enrollment in enrollments.csv, names that org. Guardians (roles guardian,
 * parent, relative) come when one of our students names them, or their orgSourcedIds name the
 * school. Rows marked `tobedeleted`, other roles and other schools' users are skipped.
 */
/** A file's text, or its bytes as fetched from the bucket (UTF-8, as OneRoster specifies). */
export type CsvText = string | Uint8Array;
export type OneRosterFiles = { 'users.csv': CsvText; 'orgs.csv'?: CsvText; 'enrollments.csv'?: CsvText };

export interface OneRosterStudent {
  studentId: string;
  firstName: string;
  lastName: string;
  studentNumber: string;
  grade?: string;
}
export interface OneRosterParent {
  parentId: string;
  firstName: string;
  lastName: string;
  userName: string;
  email?: string;
}
export interface OneRosterImport {
  students: OneRosterStudent[];
  parents: OneRosterParent[];
  guardianLinks: { studentId: string; parentId: string }[];
  skipped: number;
}

type Problem = { file: string; line: number; column?: string; message: string };
type Row = { line: number; get(column: string): string };

/**
 * What one CSV file may be. OneRoster rows are short (users.csv has 18 to 25 columns of ids,
 * names and lists); the limits leave room for extension columns and long org lists, and keep a
 * plan's memory bounded (test/unit/oneroster-limits.test.ts measures it with a small heap).
 */
export const CSV_LIMITS = { cellBytes: 16 * 1024, rowBytes: 64 * 1024, rowFields: 500, rows: 500_000 } as const;

export const MAX_PROBLEMS = 100;
const GUARDIAN_ROLES = new Set(['guardian', 'parent', 'relative']);
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems up to MAX_PROBLEMS, counting the rest; `refuse` throws them all at once. */
function problemList() {
  const problems: Problem[] = [];
  let more = 0;
  return {
    problems,
    problem: (p: Problem) => void (problems.length < MAX_PROBLEMS ? problems.push(p) : more++),
    refuse() {
      if (problems.length) throw new RosterFileError(problems, more);
    },
  };
}

export function readOneRoster(files: OneRosterFiles, schoolId: string): OneRosterImport {
  const { problem, refuse } = problemList();

  const users = table('users.csv', files['users.csv'], ['sourcedId', 'role', 'givenName', 'familyName'], ['status', 'identifier', 'username', 'email', 'orgSourcedIds', 'agentSourcedIds', 'grades'], problem);
  const orgs = files['orgs.csv'] === undefined ? undefined : table('orgs.csv', files['orgs.csv'], ['sourcedId', 'name', 'type'], ['status', 'identifier'], problem);
  const enrollments = files['enrollments.csv'] === undefined ? undefined : table('enrollments.csv', files['enrollments.csv'], ['sourcedId', 'schoolSourcedId', 'userSourcedId', 'role'], ['status'], problem);
  refuse();

  const live = (row: Row) => row.get('status').toLowerCase() !== 'tobedeleted';
  const schoolOrgs = new Set<string>();
  if (orgs) {
    for (const org of orgs.filter(live)) if (org.get('sourcedId') === schoolId || org.get('identifier') === schoolId) schoolOrgs.add(org.get('sourcedId'));
    if (!schoolOrgs.size) problem({ file: 'orgs.csv', line: 1, message: `No org has the sourcedId or identifier ${quoted(schoolId)} (this school).` });
  } else {
    schoolOrgs.add(schoolId);
  }

  const byId = new Map<string, Row>();
  for (const user of users) {
    const id = user.get('sourcedId');
    if (byId.has(id)) problem({ file: 'users.csv', line: user.line, column: 'sourcedId', message: `${quoted(id)} appears twice (first on line ${byId.get(id)!.line}).` });
    else byId.set(id, user);
  }
  const enrolledHere = new Set<string>();
  for (const enrollment of (enrollments ?? []).filter(live)) {
    if (!byId.has(enrollment.get('userSourcedId'))) {
      problem({ file: 'enrollments.csv', line: enrollment.line, column: 'userSourcedId', message: `No user ${quoted(enrollment.get('userSourcedId'))} in users.csv.` });
    } else if (schoolOrgs.has(enrollment.get('schoolSourcedId'))) {
      enrolledHere.add(enrollment.get('userSourcedId'));
    }
  }

  const role = (user: Row) => user.get('role').toLowerCase();
  const ofSchool = (user: Row) => list(user.get('orgSourcedIds')).some((org) => schoolOrgs.has(org)) || enrolledHere.has(user.get('sourcedId'));
  const students: OneRosterStudent[] = [];
  const guardianLinks: { studentId: string; parentId: string }[] = [];
  const wantedGuardians = new Set<string>();
  let skipped = 0;
  for (const user of users) {
    if (!live(user) || role(user) !== 'student' || !ofSchool(user)) {
      if (!(live(user) && GUARDIAN_ROLES.has(role(user)))) skipped++;
      continue;
    }
    const at = (column: string, message: string) => problem({ file: 'users.csv', line: user.line, column, message });
    const studentId = user.get('sourcedId');
    if (!ID.test(studentId)) at('sourcedId', 'must be 1-64 letters, digits, "-" or "_".');
    const studentNumber = user.get('identifier') || studentId;
    if (studentNumber.length > 32) at('identifier', 'A student number of at most 32 characters is needed (identifier, or a shorter sourcedId).');
    else plain(studentNumber, 'identifier', at);
    const grade = list(user.get('grades'))[0];
    if (grade && grade.length > 16) at('grades', 'at most 16 characters.');
    else if (grade) plain(grade, 'grades', at);
    names(user, at);
    for (const agent of list(user.get('agentSourcedIds'))) {
      const guardian = byId.get(agent);
      if (!guardian || !GUARDIAN_ROLES.has(role(guardian))) at('agentSourcedIds', `${quoted(agent)} is not a guardian, parent or relative in users.csv.`);
      else if (live(guardian)) {
        wantedGuardians.add(agent);
        guardianLinks.push({ studentId, parentId: agent });
      }
    }
    students.push({ studentId, firstName: user.get('givenName'), lastName: user.get('familyName'), studentNumber, ...(grade ? { grade } : {}) });
  }
  const parents: OneRosterParent[] = [];
  for (const user of users) {
    if (!live(user) || !GUARDIAN_ROLES.has(role(user))) continue;
    if (!wantedGuardians.has(user.get('sourcedId')) && !ofSchool(user)) {
      skipped++;
      continue;
    }
    const at = (column: string, message: string) => problem({ file: 'users.csv', line: user.line, column, message });
    const parentId = user.get('sourcedId');
    if (!ID.test(parentId)) at('sourcedId', 'must be 1-64 letters, digits, "-" or "_".');
    const userName = user.get('username');
    if (userName.length < 3 || userName.length > 64) at('username', 'A guardian needs a user name of 3 to 64 characters to sign in.');
    else plain(userName, 'username', at);
    const email = user.get('email');
    if (email && (!EMAIL.test(email) || email.length > 254)) at('email', `${quoted(email)} is not an email address.`);
    else if (email) plain(email, 'email', at);
    names(user, at);
    parents.push({ parentId, firstName: user.get('givenName'), lastName: user.get('familyName'), userName, ...(email ? { email } : {}) });
  }
  refuse();
  return { students, parents, guardianLinks, skipped };
}

function names(user: Row, at: (column: string, message: string) => void) {
  for (const column of ['givenName', 'familyName']) {
    const value = user.get(column);
    if (!value || value.length > 100) at(column, 'needs 1 to 100 characters.');
    else plain(value, column, at);
  }
}

/** A cell we store and show (a name, a user name): no control characters, no bidi overrides. */
function plain(value: string, column: string, at: (column: string, message: string) => void) {
  const found = forbiddenCharacter(value);
  if (found) at(column, forbiddenCharacterMessage(found));
}

export interface OneRosterSchool {
  schoolId: string;
  name: string;
  line: number;
}

/**
 * A district's schools from OneRoster `orgs.csv`: each live org of type `school` becomes (or
 * renames) our school with its `sourcedId` as the id. Other org types (district, department…)
 * and rows marked `tobedeleted` are counted as skipped. Checked whole, like the users.
 */
export function readOneRosterSchools(orgsCsv: CsvText, maxSchools: number): { schools: OneRosterSchool[]; skipped: number } {
  const { problems, problem, refuse } = problemList();
  const orgs = table('orgs.csv', orgsCsv, ['sourcedId', 'name', 'type'], ['status'], problem);
  const schools: OneRosterSchool[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  for (const org of orgs) {
    if (org.get('status').toLowerCase() === 'tobedeleted' || org.get('type').toLowerCase() !== 'school') {
      skipped++;
      continue;
    }
    const schoolId = org.get('sourcedId');
    const name = org.get('name');
    if (!ID.test(schoolId)) problem({ file: 'orgs.csv', line: org.line, column: 'sourcedId', message: 'needs 1 to 64 letters, digits, "-" or "_".' });
    else if (seen.has(schoolId)) problem({ file: 'orgs.csv', line: org.line, column: 'sourcedId', message: `${quoted(schoolId)} is on line ${seen.get(schoolId)} already.` });
    seen.set(schoolId, seen.get(schoolId) ?? org.line);
    if (!name || name.length > 100) problem({ file: 'orgs.csv', line: org.line, column: 'name', message: 'needs 1 to 100 characters.' });
    else if (forbiddenCharacter(name)) problem({ file: 'orgs.csv', line: org.line, column: 'name', message: forbiddenCharacterMessage(forbiddenCharacter(name)!) });
    schools.push({ schoolId, name, line: org.line });
  }
  if (!problems.length && schools.length > maxSchools) problem({ file: 'orgs.csv', line: 1, message: `At most ${maxSchools} schools per import; this file has ${schools.length}.` });
  refuse();
  return { schools, skipped };
}

/** OneRoster lists (orgSourcedIds, agentSourcedIds, grades) are comma-separated in one cell. */
function list(cell: string): string[] {
  return cell.split(',').map((x) => x.trim()).filter(Boolean);
}

/**
 * A CSV file as rows with the line each starts on; a broken file, row or missing column is a
 * problem. Only the columns named (`required`, then `read`) are kept of each row, so a row's
 * cost does not grow with the columns a file has.
 */
function table(file: string, text: CsvText, required: string[], read: string[], problem: (p: Problem) => void): Row[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const tooLarge = shapeProblem(bytes);
  if (tooLarge) {
    problem({ file, ...tooLarge });
    return [];
  }
  const wanted = [...required, ...read].map((name) => name.toLowerCase());
  const position = new Map(wanted.map((name, i) => [name, i]));
  let header: { line: number; names: string[]; keep: number[] } | undefined;
  let records: ({ line: number; cells: string[] } | { line: number; fields: number })[];
  try {
    let line = 1;
    const blank = (record: string[]) => record.length === 1 && record[0]!.trim() === '';
    // Empty lines and ragged rows are kept, so each record's first line can be counted and a
    // ragged row reported where it is rather than ending the parse. Each record's raw text is
    // dropped as soon as its lines are counted; max_record_size is a second guard behind the scan.
    records = parse(bytes, {
      bom: true, raw: true, skip_empty_lines: false, relax_column_count: true, max_record_size: CSV_LIMITS.rowBytes,
      // With raw, csv-parse hands on_record { record, raw } (its types know only arrays).
      on_record: (({ record, raw }: { record: string[]; raw: string }) => {
        const at = line;
        // The parser's raw text ends with "\n" after LF lines but only "\r" after CRLF ones:
        // the lines a record spans are the newlines inside it, plus its own.
        line += (raw.replace(/\r?\n?$/, '').match(/\n/g)?.length ?? 0) + 1;
        if (blank(record)) return null;
        if (!header) {
          const names = record.map((h) => h.trim().toLowerCase());
          header = { line: at, names, keep: wanted.map((name) => names.indexOf(name)) };
          return null;
        }
        if (record.length !== header.names.length) return { line: at, fields: record.length };
        return { line: at, cells: header.keep.map((i) => (i < 0 ? '' : record[i]!.trim())) };
      }) as never,
    }) as unknown as typeof records;
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    // The parser names the line where the file ended; the user needs the line the quote opened on.
    if (code === 'CSV_QUOTE_NOT_CLOSED') problem({ file, line: openQuoteLine(bytes), message: 'Not a readable CSV file: a quoted field opens here and is never closed.' });
    // The parser's messages may quote a field: cut, like every cell a problem repeats.
    else problem({ file, line: lines ?? 1, message: `Not a readable CSV file: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}` });
    return [];
  }
  if (!header) {
    problem({ file, line: 1, message: 'The file is empty: it needs a header row.' });
    return [];
  }
  const { names, line: headerLine } = header;
  const missing = required.filter((name) => !names.includes(name.toLowerCase()));
  for (const name of missing) problem({ file, line: headerLine, column: name, message: `The header has no "${name}" column.` });
  if (missing.length) return [];
  return records.flatMap((record) => {
    if ('fields' in record) {
      problem({ file, line: record.line, message: `The row has ${record.fields} fields; the header has ${names.length}.` });
      return [];
    }
    const { line, cells } = record;
    return [{ line, get: (column: string) => cells[position.get(column.toLowerCase()) ?? -1] ?? '' }];
  });
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * The first place the file passes CSV_LIMITS, by a scan of its bytes that keeps nothing: quotes
 * toggle (an escaped "" toggles twice), commas and newlines outside quotes end a cell, a newline
 * a row. Where the scan and the parser could disagree (a stray quote) the parser refuses the file
 * at that point, so the parser never reads further than the scan checked.
 */
function shapeProblem(bytes: Uint8Array): { line: number; message: string } | undefined {
  const { cellBytes, rowBytes, rowFields, rows: maxRows } = CSV_LIMITS;
  let line = 1;
  let rowStartLine = 1;
  let rows = 1;
  let quoted = false;
  let cell = 0;
  let row = 0;
  let fields = 1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === NEWLINE) line++;
    if (byte === QUOTE) quoted = !quoted;
    else if (!quoted && byte === COMMA) {
      cell = 0;
      if (++fields > rowFields) return { line: rowStartLine, message: `A row has more than ${rowFields.toLocaleString('en-US')} fields; the file is not read further.` };
    } else if (!quoted && byte === NEWLINE) {
      cell = 0;
      row = 0;
      fields = 1;
      rowStartLine = line;
      // A final newline ends the last row; it starts none.
      if (i + 1 < bytes.length && ++rows > maxRows) return { line, message: `The file has more than ${maxRows.toLocaleString('en-US')} rows; split it, or import one school's rows only.` };
      continue;
    }
    if (++cell > cellBytes) return { line: rowStartLine, message: `A cell is longer than ${cellBytes.toLocaleString('en-US')} bytes; the file is not read further.` };
    if (++row > rowBytes) return { line: rowStartLine, message: `A row is longer than ${rowBytes.toLocaleString('en-US')} bytes; the file is not read further.` };
  }
  return undefined;
}

/** The line on which the quoted field still open at the end of the text began. */
function openQuoteLine(bytes: Uint8Array): number {
  let line = 1;
  let quoted = false;
  let openedOn = 1;
  for (const byte of bytes) {
    if (byte === NEWLINE) line++;
    else if (byte === QUOTE) {
      quoted = !quoted;
      if (quoted) openedOn = line;
    }
  }
  return openedOn;
}

export interface RosterChunk {
  students: OneRosterStudent[];
  parents: OneRosterParent[];
  guardianLinks: { studentId: string; parentId: string }[];
}

/**
 * Cuts a checked roster into chunks that can be written in any order, in parallel: students
 * who share a guardian (siblings) go into one chunk with that guardian and their links, so no
 * two chunks write the same parent. Chunks fill up to `maxRecords`; a family larger than that
 * stays whole. Deterministic, so a re-planned job cuts the same chunks.
 */
export function rosterChunks(roster: Pick<OneRosterImport, 'students' | 'parents' | 'guardianLinks'>, maxRecords: number): RosterChunk[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression: every node on the way now points at the root.
    for (let at = x, next = parent.get(at)!; at !== root; at = next, next = parent.get(at)!) parent.set(at, root);
    return root;
  };
  const node = (kind: 's' | 'p', id: string) => `${kind}:${id}`;
  for (const s of roster.students) parent.set(node('s', s.studentId), node('s', s.studentId));
  for (const p of roster.parents) parent.set(node('p', p.parentId), node('p', p.parentId));
  for (const link of roster.guardianLinks) {
    const [a, b] = [find(node('s', link.studentId)), find(node('p', link.parentId))];
    if (a !== b) parent.set(b, a);
  }
  const families = new Map<string, RosterChunk>();
  const familyOf = (key: string) => {
    const root = find(key);
    let family = families.get(root);
    if (!family) families.set(root, (family = { students: [], parents: [], guardianLinks: [] }));
    return family;
  };
  for (const s of roster.students) familyOf(node('s', s.studentId)).students.push(s);
  for (const p of roster.parents) familyOf(node('p', p.parentId)).parents.push(p);
  for (const link of roster.guardianLinks) familyOf(node('s', link.studentId)).guardianLinks.push(link);

  const chunks: RosterChunk[] = [];
  let current: RosterChunk = { students: [], parents: [], guardianLinks: [] };
  const size = (c: RosterChunk) => c.students.length + c.parents.length;
  for (const family of families.values()) {
    if (size(current) > 0 && size(current) + size(family) > maxRecords) {
      chunks.push(current);
      current = { students: [], parents: [], guardianLinks: [] };
    }
    current.students.push(...family.students);
    current.parents.push(...family.parents);
    current.guardianLinks.push(...family.guardianLinks);
  }
  if (size(current) > 0) chunks.push(current);
  return chunks;
}
