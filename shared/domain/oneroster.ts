import { parse } from 'csv-parse/sync';
import { RosterFileError } from './errors';

/**
 * OneRoster CSV (1.1 and 1.2: the columns we read are the same in both) to our roster: students
 * of one school, their guardians, and which guardian the SIS names for which student
 * (`agentSourcedIds`). The whole upload is checked before anything is written; every problem is
 * reported with its file, line (1 = the header) and column, up to MAX_PROBLEMS.
 *
 * Which rows are ours: the school is the org in orgs.csv whose sourcedId or identifier is our
 * school id (without orgs.csv, the sourcedId itself); a student is ours when their
 * orgSourcedIds, or an enrollment in enrollments.csv, names that org. Guardians (roles guardian,
 * parent, relative) come when one of our students names them, or their orgSourcedIds name the
 * school. Rows marked `tobedeleted`, other roles and other schools' users are skipped.
 */
export type OneRosterFiles = { 'users.csv': string; 'orgs.csv'?: string; 'enrollments.csv'?: string };

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

const MAX_PROBLEMS = 100;
const GUARDIAN_ROLES = new Set(['guardian', 'parent', 'relative']);
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readOneRoster(files: OneRosterFiles, schoolId: string): OneRosterImport {
  const problems: Problem[] = [];
  const problem = (p: Problem) => void (problems.length < MAX_PROBLEMS && problems.push(p));

  const users = table('users.csv', files['users.csv'], ['sourcedId', 'role', 'givenName', 'familyName'], problem);
  const orgs = files['orgs.csv'] === undefined ? undefined : table('orgs.csv', files['orgs.csv'], ['sourcedId', 'name', 'type'], problem);
  const enrollments = files['enrollments.csv'] === undefined ? undefined : table('enrollments.csv', files['enrollments.csv'], ['sourcedId', 'schoolSourcedId', 'userSourcedId', 'role'], problem);
  if (problems.length) throw new RosterFileError(problems);

  const live = (row: Row) => row.get('status').toLowerCase() !== 'tobedeleted';
  const schoolOrgs = new Set<string>();
  if (orgs) {
    for (const org of orgs.filter(live)) if (org.get('sourcedId') === schoolId || org.get('identifier') === schoolId) schoolOrgs.add(org.get('sourcedId'));
    if (!schoolOrgs.size) problem({ file: 'orgs.csv', line: 1, message: `No org has the sourcedId or identifier "${schoolId}" (this school).` });
  } else {
    schoolOrgs.add(schoolId);
  }

  const byId = new Map<string, Row>();
  for (const user of users) {
    const id = user.get('sourcedId');
    if (byId.has(id)) problem({ file: 'users.csv', line: user.line, column: 'sourcedId', message: `"${id}" appears twice (first on line ${byId.get(id)!.line}).` });
    else byId.set(id, user);
  }
  const enrolledHere = new Set<string>();
  for (const enrollment of (enrollments ?? []).filter(live)) {
    if (!byId.has(enrollment.get('userSourcedId'))) {
      problem({ file: 'enrollments.csv', line: enrollment.line, column: 'userSourcedId', message: `No user "${enrollment.get('userSourcedId')}" in users.csv.` });
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
    const grade = list(user.get('grades'))[0];
    if (grade && grade.length > 16) at('grades', 'at most 16 characters.');
    names(user, at);
    for (const agent of list(user.get('agentSourcedIds'))) {
      const guardian = byId.get(agent);
      if (!guardian || !GUARDIAN_ROLES.has(role(guardian))) at('agentSourcedIds', `"${agent}" is not a guardian, parent or relative in users.csv.`);
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
    const email = user.get('email');
    if (email && (!EMAIL.test(email) || email.length > 254)) at('email', `"${email}" is not an email address.`);
    names(user, at);
    parents.push({ parentId, firstName: user.get('givenName'), lastName: user.get('familyName'), userName, ...(email ? { email } : {}) });
  }
  if (problems.length) throw new RosterFileError(problems);
  return { students, parents, guardianLinks, skipped };
}

function names(user: Row, at: (column: string, message: string) => void) {
  for (const column of ['givenName', 'familyName']) {
    const value = user.get(column);
    if (!value || value.length > 100) at(column, 'needs 1 to 100 characters.');
  }
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
export function readOneRosterSchools(orgsCsv: string, maxSchools: number): { schools: OneRosterSchool[]; skipped: number } {
  const problems: Problem[] = [];
  const problem = (p: Problem) => void (problems.length < MAX_PROBLEMS && problems.push(p));
  const orgs = table('orgs.csv', orgsCsv, ['sourcedId', 'name', 'type'], problem);
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
    else if (seen.has(schoolId)) problem({ file: 'orgs.csv', line: org.line, column: 'sourcedId', message: `"${schoolId}" is on line ${seen.get(schoolId)} already.` });
    seen.set(schoolId, seen.get(schoolId) ?? org.line);
    if (!name || name.length > 100) problem({ file: 'orgs.csv', line: org.line, column: 'name', message: 'needs 1 to 100 characters.' });
    schools.push({ schoolId, name, line: org.line });
  }
  if (!problems.length && schools.length > maxSchools) problem({ file: 'orgs.csv', line: 1, message: `At most ${maxSchools} schools per import; this file has ${schools.length}.` });
  if (problems.length) throw new RosterFileError(problems);
  return { schools, skipped };
}

/** OneRoster lists (orgSourcedIds, agentSourcedIds, grades) are comma-separated in one cell. */
function list(cell: string): string[] {
  return cell.split(',').map((x) => x.trim()).filter(Boolean);
}

/** A CSV file as rows with the line each starts on; a broken file, row or missing column is a problem. */
function table(file: string, text: string, required: string[], problem: (p: Problem) => void): Row[] {
  let records: { record: string[]; raw: string }[];
  try {
    // Empty lines and ragged rows are kept, so each record's first line can be counted and a
    // ragged row reported where it is rather than ending the parse.
    records = parse(text, { bom: true, raw: true, skip_empty_lines: false, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    // The parser names the line where the file ended; the user needs the line the quote opened on.
    if (code === 'CSV_QUOTE_NOT_CLOSED') problem({ file, line: openQuoteLine(text), message: 'Not a readable CSV file: a quoted field opens here and is never closed.' });
    else problem({ file, line: lines ?? 1, message: `Not a readable CSV file: ${message}` });
    return [];
  }
  let line = 1;
  const numbered = records.map(({ record, raw }) => {
    const at = line;
    line += (raw.match(/\n/g)?.length ?? 0) + 1;
    return { record, line: at };
  });
  const rows = numbered.filter(({ record }) => !(record.length === 1 && record[0]!.trim() === ''));
  if (!rows.length) {
    problem({ file, line: 1, message: 'The file is empty: it needs a header row.' });
    return [];
  }
  const header = rows[0]!.record.map((h) => h.trim());
  const index = new Map(header.map((name, i) => [name.toLowerCase(), i]));
  const missing = required.filter((name) => !index.has(name.toLowerCase()));
  for (const name of missing) problem({ file, line: rows[0]!.line, column: name, message: `The header has no "${name}" column.` });
  if (missing.length) return [];
  return rows.slice(1).flatMap(({ record, line: at }) => {
    if (record.length !== header.length) {
      problem({ file, line: at, message: `The row has ${record.length} fields; the header has ${header.length}.` });
      return [];
    }
    return [{ line: at, get: (column: string) => (record[index.get(column.toLowerCase()) ?? -1] ?? '').trim() }];
  });
}

/** The line on which the quoted field still open at the end of the text began. */
function openQuoteLine(text: string): number {
  let line = 1;
  let quoted = false;
  let openedOn = 1;
  for (const char of text) {
    if (char === '\n') line++;
    else if (char === '"') {
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
