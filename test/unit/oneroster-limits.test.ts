import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CSV_LIMITS, MAX_PROBLEMS, readOneRoster } from '../../shared/domain/oneroster';
import { RosterFileError } from '../../shared/domain/errors';

/*
 * OneRoster files as an attacker or a broken SIS writes them: the reader stays within bounded
 * memory whatever the file's shape, and what it reports stays small enough to store.
 */

const HEADER = 'sourcedId,status,role,givenName,familyName,identifier,username,email,orgSourcedIds,agentSourcedIds,grades';

/** The problems readOneRoster refuses `users` with. */
function problemsOf(users: string | Buffer): { problems: { file: string; line: number; column?: string; message: string }[]; message: string } {
  try {
    readOneRoster({ 'users.csv': users }, 'lincoln-ms');
  } catch (error) {
    if (error instanceof RosterFileError) return { problems: error.details as never, message: error.message };
    throw error;
  }
  throw new Error('The file was accepted');
}

/**
 * Reads a hostile 50 MB file in a child process whose heap is 64 MB: a reader that builds the
 * row (or a string of the file) dies there, deterministically, however loaded the machine is.
 */
function readWithSmallHeap(shape: string) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', join(__dirname, '../support/hostile-roster.ts'), shape], { encoding: 'utf8', timeout: 120_000 });
  expect({ status: child.status, signal: child.signal }).toEqual({ status: 0, signal: null });
  return JSON.parse(child.stdout) as { problems: { file: string; line: number; message: string }[]; heapUsedMB: number };
}

describe('OneRoster files of hostile shapes', () => {
  test('a 50 MB single-row file is refused within bounded memory', () => {
    const { problems } = readWithSmallHeap('commas');
    expect(problems).toEqual([{ file: 'users.csv', line: 2, message: `A row has more than ${CSV_LIMITS.rowFields} fields; the file is not read further.` }]);
  });

  test('a 50 MB single field is refused within bounded memory', () => {
    const { problems } = readWithSmallHeap('one-field');
    expect(problems).toEqual([{ file: 'users.csv', line: 2, message: 'A cell is longer than 16,384 bytes; the file is not read further.' }]);
  });

  test('a 50 MB file of the shortest rows is refused at the row limit within bounded memory', () => {
    const { problems } = readWithSmallHeap('short-rows');
    expect(problems).toEqual([{ file: 'users.csv', line: CSV_LIMITS.rows + 1, message: "The file has more than 500,000 rows; split it, or import one school's rows only." }]);
  });

  test('a row longer than the row limit is refused with its line', () => {
    const cells = Array.from({ length: 10 }, () => 'x'.repeat(8000)).join(',');
    expect(problemsOf(`${HEADER}\ns1,active,student,Ann,Lee,1,alee,,lincoln-ms,,07\n${cells}\n`).problems).toEqual([
      { file: 'users.csv', line: 3, message: 'A row is longer than 65,536 bytes; the file is not read further.' },
    ]);
  });

  test('lines are counted right in files with LF line ends', () => {
    const rows = [HEADER, 's1,active,student,Ann,Lee,1,alee,,lincoln-ms,,07', 's1,active,student,Ann,Lee,2,alee2,,lincoln-ms,,07'];
    expect(problemsOf(`${rows.join('\n')}\n`).problems).toEqual([{ file: 'users.csv', line: 3, column: 'sourcedId', message: '"s1" appears twice (first on line 2).' }]);
  });
});

describe('problem lists', () => {
  test('problem messages are cut and capped so the problem list is stored', () => {
    // 300 guardians with 16,000-character emails (the most a cell may hold): each a problem.
    const email = `${'a'.repeat(15_990)}@example`;
    const rows = Array.from({ length: 300 }, (_, i) => `g${i},active,guardian,Ann,Lee,,user${i},${email},lincoln-ms,,`);
    const { problems, message } = problemsOf(`${HEADER}\n${rows.join('\n')}\n`);
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(message).toBe('The roster files have 300 problems (the first 100 are listed); nothing was imported.');
    expect(problems[0]).toEqual({ file: 'users.csv', line: 2, column: 'email', message: `"${'a'.repeat(80)}…" is not an email address.` });
    // A job keeps the list on its item (DynamoDB: 400 KB an item); this one is a tenth of that.
    expect(Buffer.byteLength(JSON.stringify(problems))).toBeLessThan(40_000);
  });
});

describe('plain text in OneRoster rows', () => {
  test.each([
    ['NUL', 'givenName', 'A\u0000na', 'U+0000'],
    ['ESC', 'familyName', 'Lee\u001b[2J', 'U+001B'],
    ['BEL', 'username', 'al\u0007ee', 'U+0007'],
    ['a right-to-left override', 'givenName', 'An\u202Ea', 'U+202E'],
    ['a first-strong isolate', 'familyName', 'Le\u2068e', 'U+2068'],
    ['a C1 control', 'email', 'a\u0085@example.org', 'U+0085'],
    ['DEL', 'identifier', '7001\u007f', 'U+007F'],
  ])('names with control characters or bidi overrides are refused with the field named (%s in %s)', (_, column, value, character) => {
    const row: Record<string, string> = { sourcedId: 'g1', status: 'active', role: 'guardian', givenName: 'Ann', familyName: 'Lee', identifier: '', username: 'alee', email: '', orgSourcedIds: 'lincoln-ms', agentSourcedIds: '', grades: '' };
    if (column === 'identifier') Object.assign(row, { role: 'student', sourcedId: 's1' });
    row[column] = value;
    const line = HEADER.split(',').map((name) => row[name]).join(',');
    expect(problemsOf(`${HEADER}\n${line}\n`).problems).toEqual([
      { file: 'users.csv', line: 2, column, message: `must not contain control characters or bidirectional overrides (found ${character}).` },
    ]);
  });

  test('accented and non-Latin names are kept as they are', () => {
    const users = `${HEADER}\ns1,active,student,Zoë,Ñúñez-李,1,,,lincoln-ms,,07\n`;
    expect(readOneRoster({ 'users.csv': users }, 'lincoln-ms').students).toEqual([{ studentId: 's1', firstName: 'Zoë', lastName: 'Ñúñez-李', studentNumber: '1', grade: '07' }]);
  });
});
