import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';
import { PERMISSIONS } from '../../../shared/domain/principal';

/** District-wide staff onboard schools and change their settings through the API, audited. */
let api: Api;
let world: SchoolWorld;
let districtAdmin: string;
beforeAll(async () => {
  api = await startApi();
  world = await givenSchool({ studentCount: 1, parentCount: 1 });
  districtAdmin = await world.tokenFor(PERMISSIONS, '*');
});
afterAll(() => api.close());

const put = (schoolId: string, body: unknown, token = districtAdmin, districtId = world.districtId) =>
  api.request('PUT', `/districts/${districtId}/schools/${schoolId}`, { token, body });
const trail = async (schoolId: string) =>
  (await api.request('GET', `/schools/${schoolId}/audit?limit=50`, { token: districtAdmin })).body.items as { action: string; details?: { changed?: string } }[];

test('a district-wide admin creates a school, changes one setting, and an unchanged save writes nothing', async () => {
  const schoolId = uniqueId('new-school');
  const created = await put(schoolId, { name: 'Lincoln Middle School', codeTtlDays: 365, contactLine: 'Front office: 555-0100' });
  expect(created).toMatchObject({ status: 200, body: { created: true, changed: ['name', 'codeTtlDays', 'contactLine'], school: { schoolId, districtId: world.districtId } } });

  const updated = await put(schoolId, { name: 'Lincoln Middle School', codeTtlDays: 365, contactLine: 'Front office: 555-0100', passwordPolicy: 'random' });
  expect(updated.body).toMatchObject({ created: false, changed: ['passwordPolicy'] });
  const again = await put(schoolId, { name: 'Lincoln Middle School', codeTtlDays: 365, contactLine: 'Front office: 555-0100', passwordPolicy: 'random' });
  expect(again.body).toMatchObject({ created: false, changed: [] });
  // Leaving a setting out removes it.
  expect((await put(schoolId, { name: 'Lincoln Middle School', codeTtlDays: 365, passwordPolicy: 'random' })).body.changed).toEqual(['contactLine']);

  expect((await trail(schoolId)).map((e) => [e.action, e.details?.changed])).toEqual([
    ['school.updated', 'contactLine'],
    ['school.updated', 'passwordPolicy'],
    ['school.created', 'name,codeTtlDays,contactLine'],
  ]);
  const list = await api.request('GET', `/districts/${world.districtId}/schools`, { token: districtAdmin });
  expect(list.body.items.map((s: { schoolId: string }) => s.schoolId)).toEqual(expect.arrayContaining([schoolId, world.school.schoolId]));
});

test('a new school works at once: its roster gets codes that expire as its settings say', async () => {
  const schoolId = uniqueId('ttl-school');
  await put(schoolId, { name: 'Short Codes Elementary', codeTtlDays: 7 });
  const admin = await world.tokenFor(PERMISSIONS, [schoolId]);
  expect((await api.request('PUT', `/schools/${schoolId}/roster`, { token: admin, body: { students: [{ studentId: 's1', firstName: 'Zoë', lastName: 'Nguyễn', studentNumber: '1' }] } })).status).toBe(200);
  const student = (await api.request('GET', `/schools/${schoolId}/students`, { token: admin })).body.items[0];
  const days = (Date.parse(student.codeExpiresAt) - Date.parse(student.codeIssuedAt)) / 86_400_000;
  expect(Math.round(days)).toBe(7);
});

test("another district's school of the same id is its own: ours is unchanged, and theirs lists only theirs", async () => {
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  const otherAdmin = await other.tokenFor(PERMISSIONS, '*');
  const theirOwn = await put(world.school.schoolId, { name: 'Their School' }, otherAdmin, other.districtId);
  expect(theirOwn).toMatchObject({ status: 200, body: { created: true, school: { schoolId: world.school.schoolId, districtId: other.districtId } } });
  const mine = await api.request('GET', `/districts/${world.districtId}/schools`, { token: districtAdmin });
  expect(mine.body.items.find((s: { schoolId: string }) => s.schoolId === world.school.schoolId).name).toBe(world.school.name);
  const theirs = await api.request('GET', `/districts/${other.districtId}/schools`, { token: otherAdmin });
  expect(theirs.body.items.filter((s: { schoolId: string }) => s.schoolId === world.school.schoolId)).toEqual([expect.objectContaining({ name: 'Their School', districtId: other.districtId })]);
  // Our students are not theirs to read.
  expect((await api.request('GET', `/schools/${world.school.schoolId}/students`, { token: otherAdmin })).body.items).toEqual([]);
});

test('school-scoped staff cannot create schools, even with the permission', async () => {
  const scoped = await world.tokenFor(PERMISSIONS, [world.school.schoolId]);
  expect((await put(uniqueId('s'), { name: 'Nope' }, scoped)).status).toBe(404);
});

test("school staff list their own schools only (for the console's picker by name), never another district's", async () => {
  const second = uniqueId('second-school');
  await put(second, { name: 'Second School' });
  const scoped = await world.tokenFor(['students:read'], [world.school.schoolId]);
  const listed = await api.request('GET', `/districts/${world.districtId}/schools`, { token: scoped });
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((s: { schoolId: string; name: string }) => [s.schoolId, s.name])).toEqual([[world.school.schoolId, world.school.name]]);
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  expect((await api.request('GET', `/districts/${other.districtId}/schools`, { token: scoped })).status).toBe(404);
  const without = await world.tokenFor(['parents:read'], [world.school.schoolId]);
  expect((await api.request('GET', `/districts/${world.districtId}/schools`, { token: without })).status).toBe(403);
});

describe('OneRoster orgs.csv: schools in bulk', () => {
  const importOrgs = (csv: string, token = districtAdmin, districtId = world.districtId) =>
    api.request('POST', `/districts/${districtId}/oneroster/orgs`, { token, body: { files: { 'orgs.csv': csv } } });
  const header = '\ufeffsourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n';

  test('school orgs are created, renamed when their name changes (other settings kept), others skipped; the same file again changes nothing', async () => {
    const [a, b] = [uniqueId('org-a'), uniqueId('org-b')];
    const csv = `${header}${world.districtId},active,2026-08-01,Springfield District,district,,\r\n${a},active,2026-08-01,"Adams Elementary, North",school,AE,${world.districtId}\r\n${b},,2026-08-01,Brook Middle,school,BM,${world.districtId}\r\nold-school,tobedeleted,2026-08-01,Closed,school,,\r\n`;
    expect(await importOrgs(csv)).toMatchObject({ status: 200, body: { schools: { created: 2, updated: 0, unchanged: 0 }, skipped: { orgs: 2 } } });
    expect(await importOrgs(csv)).toMatchObject({ status: 200, body: { schools: { created: 0, updated: 0, unchanged: 2 } } });
    expect((await put(b, { name: 'Brook Middle', codeTtlDays: 200, contactLine: 'Office 555-0101' })).status).toBe(200);
    const renamed = await importOrgs(csv.replace('Brook Middle', 'Brook Middle School'));
    expect(renamed.body.schools).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const list = (await api.request('GET', `/districts/${world.districtId}/schools`, { token: districtAdmin })).body.items as Record<string, unknown>[];
    expect(list.find((s) => s.schoolId === a)).toMatchObject({ name: 'Adams Elementary, North' });
    expect(list.find((s) => s.schoolId === b)).toMatchObject({ name: 'Brook Middle School', codeTtlDays: 200, contactLine: 'Office 555-0101' });
    expect((await trail(a)).map((e) => e.action)).toEqual(['school.created']);
  });

  test("an id another district's SIS also uses is imported as this district's own school, and theirs is untouched", async () => {
    const other = await givenSchool({ studentCount: 1, parentCount: 0 });
    const imported = await importOrgs(`${header}${other.school.schoolId},active,2026-08-01,Shared Id Elementary,school,,\r\n`);
    expect(imported).toMatchObject({ status: 200, body: { schools: { created: 1, updated: 0, unchanged: 0 } } });
    const otherAdmin = await other.tokenFor(PERMISSIONS, '*');
    const theirs = (await api.request('GET', `/districts/${other.districtId}/schools`, { token: otherAdmin })).body.items as Record<string, unknown>[];
    expect(theirs.find((s) => s.schoolId === other.school.schoolId)).toMatchObject({ name: other.school.name });
    expect((await api.request('GET', `/schools/${other.school.schoolId}/students`, { token: otherAdmin })).body.items).toHaveLength(1);
  });

  test('a bad file is refused by line and column with nothing written', async () => {
    const fresh = uniqueId('org-new');
    const bad = `${header}${fresh},active,2026-08-01,Fine School,school,,\r\nbad id!,active,2026-08-01,Bad,school,,\r\n${fresh},active,2026-08-01,Twice,school,,\r\nx1,active,2026-08-01,,school,,\r\n"unclosed,school\r\n`;
    const refused = await importOrgs(bad);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'ROSTER_FILE_INVALID' } } });
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'orgs.csv', line: 6 })]));
    const ragged = `${header}${fresh},active,2026-08-01,Fine School,school,,\r\nbad id!,active,2026-08-01,Bad,school,,\r\n${fresh},active,2026-08-01,Twice,school,,\r\nx1,active,2026-08-01,,school,,\r\n`;
    expect((await importOrgs(ragged)).body.error.details).toEqual([
      { file: 'orgs.csv', line: 3, column: 'sourcedId', message: expect.any(String) },
      { file: 'orgs.csv', line: 4, column: 'sourcedId', message: `"${fresh}" is on line 2 already.` },
      { file: 'orgs.csv', line: 5, column: 'name', message: expect.any(String) },
    ]);
    const list = (await api.request('GET', `/districts/${world.districtId}/schools`, { token: districtAdmin })).body.items as { schoolId: string }[];
    expect(list.map((s) => s.schoolId)).not.toContain(fresh);
  });

  test('school-scoped staff, or another district, cannot import schools', async () => {
    const schoolAdmin = world.adminToken;
    expect((await importOrgs(`${header}x2,active,2026-08-01,X,school,,\r\n`, schoolAdmin)).status).toBe(404);
    const elsewhere = await givenSchool({ studentCount: 0, parentCount: 0 });
    const theirAdmin = await elsewhere.tokenFor(PERMISSIONS, '*');
    expect((await importOrgs(`${header}x3,active,2026-08-01,X,school,,\r\n`, theirAdmin)).status).toBe(404);
  });
});
