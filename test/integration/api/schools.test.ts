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

test("another district cannot take or see a school id: 404, and the school is unchanged", async () => {
  const other = await givenSchool({ studentCount: 1, parentCount: 1 });
  const otherAdmin = await other.tokenFor(PERMISSIONS, '*');
  const taken = await put(world.school.schoolId, { name: 'Hijacked' }, otherAdmin, other.districtId);
  expect(taken).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  const mine = await api.request('GET', `/districts/${world.districtId}/schools`, { token: districtAdmin });
  expect(mine.body.items.find((s: { schoolId: string }) => s.schoolId === world.school.schoolId).name).toBe(world.school.name);
  const theirs = await api.request('GET', `/districts/${other.districtId}/schools`, { token: otherAdmin });
  expect(theirs.body.items.map((s: { schoolId: string }) => s.schoolId)).not.toContain(world.school.schoolId);
});

test('school-scoped staff cannot create schools, even with the permission', async () => {
  const scoped = await world.tokenFor(PERMISSIONS, [world.school.schoolId]);
  expect((await put(uniqueId('s'), { name: 'Nope' }, scoped)).status).toBe(404);
});
