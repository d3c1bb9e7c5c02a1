import { readOutbox } from '../../../shared/data/outbox';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const studentOf = async (world: SchoolWorld, id: string) =>
  (await api.request('GET', `/schools/${world.school.schoolId}/students?limit=100`, { token: world.adminToken })).body.items.find(
    (x: { studentId: string }) => x.studentId === id,
  );

test('a parent reports "not my child": link gone, student flagged, case opened', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const parent = await world.parentToken('p0');
  await api.request('POST', '/me/links', { token: parent, body: { code: (await studentOf(world, 'st2')).code } });

  const report = await api.request('POST', `/me/students/${s}/st2/not-my-child`, { token: parent, body: { reason: 'typed the wrong code' } });
  expect(report.status).toBe(200);
  expect((await api.request('GET', '/me/students', { token: parent })).body.students).toEqual([]);
  const student = await studentOf(world, 'st2');
  expect(student.parents).toEqual([]);
  expect(student.flag).toMatchObject({ parentId: 'p0', reason: 'typed the wrong code' });
  const cases = await api.request('GET', `/schools/${s}/audit?action=case.opened`, { token: world.adminToken });
  expect(cases.body.items).toEqual([expect.objectContaining({ studentId: 'st2', parentId: 'p0', actor: { type: 'parent', id: 'p0' } })]);
  // Reporting a link one does not have is a 404 and changes nothing.
  const before = await districtState(world);
  expect((await api.request('POST', `/me/students/${s}/st1/not-my-child`, { token: parent, body: {} })).status).toBe(404);
  expect(await districtState(world)).toEqual(before);
});

test('staff fix a wrong link in one step: link gone, old code dead, new code works, case recorded, flag cleared', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const wrong = await world.parentToken('p0');
  const oldCode = (await studentOf(world, 'st1')).code;
  await api.request('POST', '/me/links', { token: wrong, body: { code: oldCode } });
  await api.request('POST', `/me/students/${s}/st1/not-my-child`, { token: wrong, body: {} });
  await api.request('POST', '/me/links', { token: wrong, body: { code: oldCode } }); // linked again with the same code

  const fix = await api.request('POST', `/schools/${s}/students/st1/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p0', reason: 'code handed to the wrong family' } });
  expect(fix.status).toBe(200);
  expect(fix.body).toMatchObject({ studentId: 'st1', parentId: 'p0', linkRemoved: true, code: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/) });
  const student = await studentOf(world, 'st1');
  expect(student.parents).toEqual([]);
  expect(student.flag).toBeUndefined();
  expect(student.code).toBe(fix.body.code);

  expect((await api.request('POST', '/me/links', { token: wrong, body: { code: oldCode } })).body.error.code).toBe('INVALID_CODE');
  expect((await api.request('POST', '/me/links', { token: await world.parentToken('p1'), body: { code: fix.body.code } })).status).toBe(201);

  const audit = await api.request('GET', `/schools/${s}/audit?studentId=st1&limit=100`, { token: world.adminToken });
  const fixEvents = audit.body.items.filter((e: { reason?: string }) => e.reason === 'code handed to the wrong family').map((e: { action: string }) => e.action).sort();
  expect(fixEvents).toEqual(['case.resolved', 'code.reset', 'link.removed']);
  const events = await readOutbox({ districtId: world.districtId });
  expect(events.filter((e) => e.studentId === 'st1').map((e) => e.type)).toEqual(['link.created', 'link.removed', 'link.created', 'link.removed', 'link.created']);
});

test('after a parent reported "not my child", the fix resets the code and closes the report; only while it is that parent\'s', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const wrong = await world.parentToken('p0');
  const oldCode = (await studentOf(world, 'st3')).code;
  await api.request('POST', '/me/links', { token: wrong, body: { code: oldCode } });
  await api.request('POST', `/me/students/${s}/st3/not-my-child`, { token: wrong, body: {} });
  // Someone else's name on the fix finds no link and no report of theirs: nothing changes.
  const before = await districtState(world);
  const other = await api.request('POST', `/schools/${s}/students/st3/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p1', reason: 'x' } });
  expect(other.status).toBe(404);
  expect(await districtState(world)).toEqual(before);

  const fix = await api.request('POST', `/schools/${s}/students/st3/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p0', reason: 'reported by the parent' } });
  expect(fix.status).toBe(200);
  const student = await studentOf(world, 'st3');
  expect(student.flag).toBeUndefined();
  expect(student.code).toBe(fix.body.code);
  expect((await api.request('POST', '/me/links', { token: wrong, body: { code: oldCode } })).body.error.code).toBe('INVALID_CODE');
  const audit = await api.request('GET', `/schools/${s}/audit?studentId=st3&limit=100`, { token: world.adminToken });
  const fixEvents = audit.body.items.filter((e: { reason?: string }) => e.reason === 'reported by the parent').map((e: { action: string }) => e.action).sort();
  expect(fixEvents).toEqual(['case.resolved', 'code.reset']);
  // The report is closed: the same fix again finds nothing to fix.
  expect((await api.request('POST', `/schools/${s}/students/st3/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p0', reason: 'again' } })).status).toBe(404);
});

test('the one-step fix changes nothing when the link does not exist, or without codes:reset', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const before = await districtState(world);
  const noLink = await api.request('POST', `/schools/${s}/students/st1/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p3', reason: 'x' } });
  expect(noLink.status).toBe(404);
  const noReason = await api.request('POST', `/schools/${s}/students/st1/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p3' } });
  expect(noReason.status).toBe(400);
  const linksOnly = await world.tokenFor(['links:remove']);
  const forbidden = await api.request('POST', `/schools/${s}/students/st1/wrong-link-fix`, { token: linksOnly, body: { parentId: 'p3', reason: 'x' } });
  expect(forbidden.status).toBe(403);
  expect(await districtState(world)).toEqual(before);
});
