import { givenSchool, startApi, Api } from '../../support/world';
import { districtState } from '../../support/state';
import { writeAuditEvents } from '../../../shared/data/audit';
import { AUDIT_ACTIONS } from '../../../shared/contract/schemas';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const roster = {
  students: [
    { studentId: 'r1', firstName: 'Rosa', lastName: 'Abbiatici', studentNumber: '5001' },
    { studentId: 'r2', firstName: 'Émile', lastName: "O'Neil-Smith", studentNumber: '5002' },
  ],
  parents: [{ parentId: 'rp1', firstName: 'Rosa', lastName: 'Abbiatici', userName: 'rabbiatici', email: 'rosa@example.test' }],
};

test('roster upsert is idempotent: the same roster twice writes nothing the second time', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const path = `/schools/${world.school.schoolId}/roster`;
  const first = await api.request('PUT', path, { token: world.adminToken, body: roster });
  expect(first.status).toBe(200);
  expect(first.body).toEqual({ students: { created: 2, updated: 0, unchanged: 0 }, parents: { written: 1, unchanged: 0 } });

  const before = await districtState(world);
  const second = await api.request('PUT', path, { token: world.adminToken, body: roster });
  expect(second.body).toEqual({ students: { created: 0, updated: 0, unchanged: 2 }, parents: { written: 0, unchanged: 1 } });
  expect(await districtState(world)).toEqual(before);
});

test('a roster change updates names but keeps the code; new students get a code', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const path = `/schools/${world.school.schoolId}/roster`;
  await api.request('PUT', path, { token: world.adminToken, body: roster });
  const list = async () => (await api.request('GET', `/schools/${world.school.schoolId}/students`, { token: world.adminToken })).body.items;
  const before = await list();

  const changed = { students: [{ ...roster.students[0]!, lastName: 'Abbiatici-Rossi' }, { studentId: 'r3', firstName: 'Li', lastName: 'Zhang', studentNumber: '5003' }] };
  const answer = await api.request('PUT', path, { token: world.adminToken, body: changed });
  expect(answer.body.students).toEqual({ created: 1, updated: 1, unchanged: 0 });
  const after = await list();
  const r1 = after.find((x: { studentId: string }) => x.studentId === 'r1');
  expect(r1.lastName).toBe('Abbiatici-Rossi');
  expect(r1.code).toBe(before.find((x: { studentId: string }) => x.studentId === 'r1').code);
  expect(after.find((x: { studentId: string }) => x.studentId === 'r3').code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  // Name order folds case and accents: Abbiatici-Rossi, O'Neil-Smith (Émile), Zhang.
  expect(after.map((x: { studentId: string }) => x.studentId)).toEqual(['r1', 'r2', 'r3']);
});

test('grade and homeroom: stored as text, shown in the list, idempotent, and cleared when the roster drops them', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const path = `/schools/${world.school.schoolId}/roster`;
  const student = (grade?: string, homeroom?: string) => ({ students: [{ ...roster.students[0]!, ...(grade ? { grade } : {}), ...(homeroom ? { homeroom } : {}) }] });
  const row = async () => (await api.request('GET', `/schools/${world.school.schoolId}/students`, { token: world.adminToken })).body.items[0];
  await api.request('PUT', path, { token: world.adminToken, body: student('07', '7B') });
  expect(await row()).toMatchObject({ studentId: 'r1', grade: '07', homeroom: '7B' });
  const before = await districtState(world);
  expect((await api.request('PUT', path, { token: world.adminToken, body: student('07', '7B') })).body.students).toEqual({ created: 0, updated: 0, unchanged: 1 });
  expect(await districtState(world)).toEqual(before);
  expect((await api.request('PUT', path, { token: world.adminToken, body: student('08') })).body.students).toEqual({ created: 0, updated: 1, unchanged: 0 });
  const moved = await row();
  expect(moved.grade).toBe('08');
  expect(moved).not.toHaveProperty('homeroom');
  const blank = { students: [{ ...roster.students[0]!, grade: ' ', homeroom: '7B' }] };
  expect((await api.request('PUT', path, { token: world.adminToken, body: blank })).status).toBe(400);
});

test('the audit trail filters by actor, action and time, newest first, page by page', async () => {
  const world = await givenSchool({ studentCount: 6 });
  const s = world.school.schoolId;
  const resetter = await world.tokenFor(['codes:reset']);
  const start = new Date().toISOString();
  await api.request('POST', `/schools/${s}/codes/reset`, { token: resetter, body: { studentIds: ['st0', 'st1', 'st2'] } });

  const all = await api.request('GET', `/schools/${s}/audit?action=code.reset&from=${start}`, { token: world.adminToken });
  expect(all.body.items).toHaveLength(3);
  const actorId = all.body.items[0].actor.id;
  expect(new Set(all.body.items.map((e: { actor: { id: string } }) => e.actor.id))).toEqual(new Set([actorId]));
  const times = all.body.items.map((e: { at: string }) => e.at);
  expect([...times].sort().reverse()).toEqual(times);

  const byActor = await api.request('GET', `/schools/${s}/audit?actorId=${actorId}`, { token: world.adminToken });
  expect(byActor.body.items).toHaveLength(3);
  const beforeStart = await api.request('GET', `/schools/${s}/audit?action=code.reset&to=${start}`, { token: world.adminToken });
  expect(beforeStart.body.items).toHaveLength(0);

  const pages: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.request('GET', `/schools/${s}/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token: world.adminToken });
    pages.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  // 6 students and 4 parents created by the roster, plus 3 resets.
  expect(pages).toHaveLength(13);
});

test('each event carries the names its ids stand for now, read with the page; the action filter takes the listed actions only', async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 2 });
  const s = world.school.schoolId;
  const resetter = await world.tokenFor(['codes:reset']);
  const start = new Date().toISOString();
  await api.request('POST', `/schools/${s}/codes/reset`, { token: resetter, body: { studentIds: ['st0'] } });
  // A parent acting on their own account, and a student who is gone.
  const at = new Date().toISOString();
  await writeAuditEvents([
    { districtId: world.districtId, schoolId: s, action: 'link.created', actor: { type: 'parent', id: 'p1' }, at, studentId: 'st1', parentId: 'p1' },
    { districtId: world.districtId, schoolId: s, action: 'code.viewed', actor: { type: 'scheduler', id: 'nightly' }, at, studentId: 'gone' },
  ]);

  const trail = async () => (await api.request('GET', `/schools/${s}/audit?from=${start}`, { token: world.adminToken })).body.items as Record<string, any>[];
  const page = await trail();
  const [viewed, linked, reset] = ['code.viewed', 'link.created', 'code.reset'].map((action) => page.find((e) => e.action === action));
  // Staff have no record of ours: a staff actor shows its id (the token's subject).
  expect(reset).toMatchObject({ action: 'code.reset', studentId: 'st0', studentName: 'First0 Last000', actorName: reset!.actor.id });
  expect(linked).toMatchObject({ actorName: 'Parent1 Family1', studentName: 'First1 Last001', parentName: 'Parent1 Family1' });
  expect(viewed).toMatchObject({ actorName: 'Schedule "nightly"', studentName: 'gone' });
  expect(viewed).not.toHaveProperty('parentName');

  // Not stored in the events: a renamed student shows the new name in the same, unchanged events.
  await api.request('PUT', `/schools/${s}/roster`, { token: world.adminToken, body: { students: [{ ...world.students[0]!, lastName: 'Renamed' }] } });
  expect((await trail()).find((e) => e.action === 'code.reset')).toMatchObject({ studentId: 'st0', studentName: 'First0 Renamed' });

  // The filter's actions are the contract's list (a pick list for the console); another is a 400.
  expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['code.reset', 'link.created', 'parents.searched', 'job.started']));
  const listed = await api.request('GET', `/schools/${s}/audit?action=link.created&from=${start}`, { token: world.adminToken });
  expect(listed.body.items.map((e: { action: string }) => e.action)).toEqual(['link.created']);
  const unknown = await api.request('GET', `/schools/${s}/audit?action=code.stolen`, { token: world.adminToken });
  expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'query.action' })] } } });
});
