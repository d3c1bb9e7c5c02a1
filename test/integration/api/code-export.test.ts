import { parse } from 'csv-parse/sync';
import { getStudent } from '../../../shared/data/student-profiles';
import { currentCode, givenSchool, postForFile, startApi, Api } from '../../support/world';

/** Codes out, for a mail merge: a CSV a spreadsheet reads right, and a record of who took which codes. */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const exportCsv = (schoolId: string, token: string, studentIds: string[]) => postForFile(api, `/schools/${schoolId}/codes/export`, token, { studentIds });

test('the CSV round-trips through a real parser with the exact codes; formula-looking names stay text', async () => {
  const world = await givenSchool({ studentCount: 3, parentCount: 1 });
  const s = world.school.schoolId;
  await api.request('PUT', `/schools/${s}/roster`, {
    token: world.adminToken,
    body: { students: [
      { studentId: 'st0', firstName: '=HYPERLINK("http://evil.example","Zoë")', lastName: 'Nguyễn', studentNumber: '0042', grade: '07', homeroom: '@room' },
      { studentId: 'st1', firstName: '李', lastName: '+SUM(A1:A9)', studentNumber: '-7' },
    ] },
  });
  const answer = await exportCsv(s, world.adminToken, ['st0', 'st1', 'st2']);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="codes-[\w-]+-\d{4}-\d\d-\d\d\.csv"$/);
  expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(answer.bytes.toString('utf8')).toContain('\r\n');

  const [header, ...rows] = parse(answer.bytes, { bom: true }) as string[][];
  expect(header).toEqual(['Last name', 'First name', 'Student number', 'Grade', 'Homeroom', 'Code', 'Issued at', 'Expires at']);
  const byNumber = new Map(rows.map((row) => [row[2], row]));
  expect(byNumber.get('0042')!.slice(0, 2)).toEqual(['Nguyễn', `'=HYPERLINK("http://evil.example","Zoë")`]);
  expect(byNumber.get("'-7")!.slice(0, 2)).toEqual(["'+SUM(A1:A9)", '李']);
  // Grade stays text ("07", not 7) and a formula-looking homeroom comes back inert; no grade, empty cells.
  expect(byNumber.get('0042')!.slice(3, 5)).toEqual(['07', "'@room"]);
  expect(byNumber.get("'-7")!.slice(3, 5)).toEqual(['', '']);
  for (const [studentId, number] of [['st0', '0042'], ['st1', "'-7"], ['st2', '100002']] as const) {
    expect(byNumber.get(number)![5]).toBe(await currentCode(api, world, studentId));
  }
});

test('each export is audited per student and marks the code as exported', async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const s = world.school.schoolId;
  expect((await exportCsv(s, world.adminToken, ['st1'])).status).toBe(200);
  const trail = await api.request('GET', `/schools/${s}/audit?action=code.exported`, { token: world.adminToken });
  expect(trail.body.items).toEqual([expect.objectContaining({ studentId: 'st1', actor: { type: 'staff', id: expect.any(String) }, details: { format: 'csv' } })]);
  expect((await getStudent(world.school, 'st1'))!.codeExportedAt).toEqual(trail.body.items[0].at);
  expect((await getStudent(world.school, 'st0'))!.codeExportedAt).toBeUndefined();
  expect(JSON.stringify(trail.body)).not.toContain(await currentCode(api, world, 'st1'));
});

test("another school's student makes the whole export 404: nothing leaves, nothing is recorded", async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  const answer = await exportCsv(world.school.schoolId, world.adminToken, ['st0', 'nope']);
  expect(answer.status).toBe(404);
  expect(answer.bytes.toString()).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  const trail = await api.request('GET', `/schools/${world.school.schoolId}/audit?action=code.exported`, { token: world.adminToken });
  expect(trail.body.items).toEqual([]);
  expect((await exportCsv(other.school.schoolId, world.adminToken, ['st0'])).status).toBe(404);
});
