import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getStudent } from '../../../shared/data/student-profiles';
import { putSchool } from '../../../shared/data/schools';
import { districtState } from '../../support/state';
import { currentCode, givenSchool, postForFile, startApi, Api } from '../../support/world';

/**
 * Letters home, read back with poppler's pdftotext (Debian's poppler-utils, a real PDF reader):
 * one page per student in name order, each with its own name and code, accents and CJK intact.
 */
let api: Api;
let dir: string;
beforeAll(async () => {
  api = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'letters-'));
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const letters = (schoolId: string, token: string, studentIds: string[]) => postForFile(api, `/schools/${schoolId}/codes/letters`, token, { studentIds });

/** The text of each page, as a PDF reader extracts it. */
function pagesOf(pdf: Buffer): string[] {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

test("one page per student in name order, each with its name and current code; accents, Vietnamese and CJK intact; the school's text and contact line", async () => {
  const world = await givenSchool({ studentCount: 3, parentCount: 1 });
  const s = world.school.schoolId;
  await putSchool({ ...world.school, letterText: 'Open https://parents.lincoln.example and choose Add a student.', contactLine: 'Front office: 555-0100 · Secretaría' });
  await api.request('PUT', `/schools/${s}/roster`, {
    token: world.adminToken,
    body: { students: [
      { studentId: 'st0', firstName: 'Zoë', lastName: 'Nguyễn', studentNumber: '0042', grade: '7', homeroom: '7B' },
      { studentId: 'st1', firstName: '李', lastName: 'Łukasiewicz', studentNumber: '0043' },
    ] },
  });
  const answer = await letters(s, world.adminToken, ['st1', 'st0', 'st2']);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/pdf');
  expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="code-letters-[\w-]+-\d{4}-\d\d-\d\d\.pdf"$/);
  expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');

  const pages = pagesOf(answer.bytes);
  // Name order: Last002 (the untouched st2), Łukasiewicz, Nguyễn.
  const expected = [
    ['st2', 'First2 Last002'],
    ['st1', '李 Łukasiewicz'],
    ['st0', 'Zoë Nguyễn'],
  ] as const;
  expect(pages).toHaveLength(3);
  for (const [i, [studentId, name]] of expected.entries()) {
    expect(pages[i]).toContain(name);
    expect(pages[i]).toContain(await currentCode(api, world, studentId));
    expect(pages[i]).toContain(world.school.name);
    expect(pages[i]).toContain('Open https://parents.lincoln.example and choose Add a student.');
    expect(pages[i]).toContain('Front office: 555-0100 · Secretaría');
    // No other student's code on this page.
    for (const [other] of expected.filter(([id]) => id !== studentId)) expect(pages[i]).not.toContain(await currentCode(api, world, other));
  }
  expect(pages[2]).toContain('Grade 7 · Homeroom 7B');
});

test('every code of 100 letters reads back exactly, as a parent copying it from a PDF reader would get it', async () => {
  const world = await givenSchool({ studentCount: 100, parentCount: 1 });
  const ids = world.students.map((s) => s.studentId);
  const answer = await letters(world.school.schoolId, world.adminToken, ids);
  expect(answer.status).toBe(200);
  const text = pagesOf(answer.bytes).join('\n');
  const list = (await api.request('GET', `/schools/${world.school.schoolId}/students?limit=100`, { token: world.adminToken })).body.items;
  const unreadable = list.map((s: { code: string }) => s.code).filter((code: string) => !text.includes(code));
  expect(unreadable).toEqual([]);
});

test('letters are audited as a pdf export per student and mark the codes exported', async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const s = world.school.schoolId;
  expect((await letters(s, world.adminToken, ['st1'])).status).toBe(200);
  const trail = await api.request('GET', `/schools/${s}/audit?action=code.exported`, { token: world.adminToken });
  expect(trail.body.items).toEqual([expect.objectContaining({ studentId: 'st1', details: { format: 'pdf' } })]);
  expect((await getStudent(world.school, 'st1'))!.codeExportedAt).toEqual(trail.body.items[0].at);
  expect((await getStudent(world.school, 'st0'))!.codeExportedAt).toBeUndefined();
});

test("another school's student, too many letters, or no codes:export: refused, nothing recorded", async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  const before = await districtState(world);
  expect((await letters(world.school.schoolId, world.adminToken, ['st0', 'nope'])).status).toBe(404);
  const tooMany = await letters(world.school.schoolId, world.adminToken, Array.from({ length: 301 }, (_, i) => `st${i}`));
  expect(tooMany.status).toBe(400);
  expect(JSON.parse(tooMany.bytes.toString()).error.code).toBe('VALIDATION_FAILED');
  expect((await letters(world.school.schoolId, await world.tokenFor(['students:read']), ['st0'])).status).toBe(403);
  expect((await letters(other.school.schoolId, world.adminToken, ['st0'])).status).toBe(404);
  expect(await districtState(world)).toEqual(before);
});
