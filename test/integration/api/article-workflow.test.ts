import { currentCode, givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/**
 * The reset article, end to end over HTTP: a code reached the wrong parent, who linked to the
 * child; staff remove the link, reset the code, hand out the new one; it works, the old fails.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const codeOf = (world: SchoolWorld, studentId: string) => currentCode(api, world, studentId);

test('wrong parent linked → remove link → reset code → new code redeems, old one fails', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const oldCode = await codeOf(world, 'st1');
  const wrongParent = await world.parentToken('p0');
  const rightParent = await world.parentToken('p1');

  // The code went to the wrong parent, who linked to the child.
  const wrongLink = await api.request('POST', '/me/links', { token: wrongParent, body: { code: oldCode } });
  expect(wrongLink.status).toBe(201);
  expect(wrongLink.body).toMatchObject({ schoolId: s, studentId: 'st1', alreadyLinked: false });

  // Staff see the link beside the student, and remove it.
  const listed = await api.request('GET', `/schools/${s}/students?q=Last001`, { token: world.adminToken });
  expect(listed.body.items).toHaveLength(1);
  expect(listed.body.items[0].parents).toEqual([
    expect.objectContaining({ parentId: 'p0', firstName: 'Parent0', lastName: 'Family0' }),
  ]);
  const removed = await api.request('DELETE', `/schools/${s}/students/st1/parents/p0?reason=code%20misdirected`, {
    token: world.adminToken,
  });
  expect(removed.status).toBe(200);

  // Then reset the code.
  const reset = await api.request('POST', `/schools/${s}/codes/reset`, {
    token: world.adminToken,
    body: { studentIds: ['st1'], reason: 'code misdirected' },
  });
  expect(reset.status).toBe(200);
  const newCode = reset.body.students[0].code as string;
  expect(newCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  expect(newCode).not.toBe(oldCode);
  expect(await codeOf(world, 'st1')).toBe(newCode);

  // The wrong parent no longer sees the child and cannot use the old code again.
  expect((await api.request('GET', '/me/students', { token: wrongParent })).body.students).toEqual([]);
  const retry = await api.request('POST', '/me/links', { token: wrongParent, body: { code: oldCode } });
  expect(retry.status).toBe(400);
  expect(retry.body.error.code).toBe('INVALID_CODE');

  // The right parent redeems the new code, typed loosely.
  const typed = newCode.toLowerCase().replace(/-/g, ' ');
  const good = await api.request('POST', '/me/links', { token: rightParent, body: { code: typed } });
  expect(good.status).toBe(201);
  const mine = await api.request('GET', '/me/students', { token: rightParent });
  expect(mine.body.students).toEqual([
    expect.objectContaining({ schoolId: s, studentId: 'st1', firstName: 'First1', lastName: 'Last001' }),
  ]);

  // Every change is in the audit trail, with the reason, and no code anywhere in it.
  const audit = await api.request('GET', `/schools/${s}/audit?studentId=st1&limit=100`, { token: world.adminToken });
  const actions = audit.body.items.map((e: { action: string }) => e.action);
  // The search that showed st1 alone (a page of one, with its code) is in its trail too: code.viewed.
  expect(actions).toEqual(['link.created', 'code.reset', 'link.removed', 'code.viewed', 'link.created', 'student.created']);
  expect(audit.body.items[1]).toMatchObject({ reason: 'code misdirected', actor: { type: 'staff' } });
  const text = JSON.stringify(audit.body);
  for (const code of [oldCode, newCode]) {
    expect(text).not.toContain(code);
    expect(text).not.toContain(code.replace(/-/g, ''));
  }
});

test('a parent undoes their own wrong link, and can then add their own child', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  const parent = await world.parentToken('p2');
  await api.request('POST', '/me/links', { token: parent, body: { code: await codeOf(world, 'st3') } });

  const unlinked = await api.request('DELETE', `/me/students/${s}/st3?reason=not%20my%20child`, { token: parent });
  expect(unlinked.status).toBe(200);
  const again = await api.request('DELETE', `/me/students/${s}/st3`, { token: parent });
  expect(again.status).toBe(404);

  const own = await api.request('POST', '/me/links', { token: parent, body: { code: await codeOf(world, 'st4') } });
  expect(own.status).toBe(201);
  const mine = await api.request('GET', '/me/students', { token: parent });
  expect(mine.body.students.map((x: { studentId: string }) => x.studentId)).toEqual(['st4']);

  const audit = await api.request('GET', `/schools/${s}/audit?parentId=p2&action=link.removed`, { token: world.adminToken });
  expect(audit.body.items).toEqual([
    expect.objectContaining({ action: 'link.removed', studentId: 'st3', reason: 'not my child', actor: { type: 'parent', id: 'p2' } }),
  ]);
});

test('redeeming twice is a no-op; several parents may share one code', async () => {
  const world = await givenSchool();
  const code = await codeOf(world, 'st0');
  const first = await api.request('POST', '/me/links', { token: await world.parentToken('p0'), body: { code } });
  const second = await api.request('POST', '/me/links', { token: await world.parentToken('p0'), body: { code } });
  const otherParent = await api.request('POST', '/me/links', { token: await world.parentToken('p1'), body: { code } });
  expect([first.status, second.status, otherParent.status]).toEqual([201, 200, 201]);
  expect(second.body.alreadyLinked).toBe(true);

  const audit = await api.request('GET', `/schools/${world.school.schoolId}/audit?action=link.created`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(2);
});

test('clear the links of selected students, and only theirs', async () => {
  const world = await givenSchool();
  const s = world.school.schoolId;
  for (const [parentId, studentId] of [['p0', 'st0'], ['p1', 'st0'], ['p2', 'st1'], ['p3', 'st2']] as const) {
    const r = await api.request('POST', '/me/links', { token: await world.parentToken(parentId), body: { code: await codeOf(world, studentId) } });
    expect(r.status).toBe(201);
  }
  const cleared = await api.request('POST', `/schools/${s}/links/clear`, {
    token: world.adminToken,
    body: { studentIds: ['st0', 'st1'], reason: 'new school year' },
  });
  expect(cleared.status).toBe(200);
  expect(cleared.body.linksRemoved).toBe(3);

  const list = await api.request('GET', `/schools/${s}/students`, { token: world.adminToken });
  const parentsOf = (id: string) => list.body.items.find((x: { studentId: string }) => x.studentId === id).parents.map((p: { parentId: string }) => p.parentId);
  expect(parentsOf('st0')).toEqual([]);
  expect(parentsOf('st1')).toEqual([]);
  expect(parentsOf('st2')).toEqual(['p3']);

  const again = await api.request('POST', `/schools/${s}/links/clear`, { token: world.adminToken, body: { studentIds: ['st0', 'st1'] } });
  expect(again.body.linksRemoved).toBe(0);
  const audit = await api.request('GET', `/schools/${s}/audit?action=link.removed`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(3);
});

test('reset selected students: each gets one new code, all distinct, others untouched', async () => {
  const world = await givenSchool({ studentCount: 8 });
  const s = world.school.schoolId;
  const before = (await api.request('GET', `/schools/${s}/students`, { token: world.adminToken })).body.items;
  const reset = await api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st1', 'st2', 'st5'] } });
  expect(reset.body.reset).toBe(3);
  const after = (await api.request('GET', `/schools/${s}/students`, { token: world.adminToken })).body.items;
  for (const [i, student] of after.entries()) {
    const changed = ['st1', 'st2', 'st5'].includes(student.studentId);
    expect(student.code !== before[i].code).toBe(changed);
  }
  expect(new Set(after.map((x: { code: string }) => x.code)).size).toBe(8);
});

test('search by student number and by last-name prefix, and page through a school', async () => {
  const world = await givenSchool({ studentCount: 12 });
  const s = world.school.schoolId;
  const byNumber = await api.request('GET', `/schools/${s}/students?q=100007`, { token: world.adminToken });
  expect(byNumber.body.items.map((x: { studentId: string }) => x.studentId)).toEqual(['st7']);
  const byName = await api.request('GET', `/schools/${s}/students?q=last01`, { token: world.adminToken });
  expect(byName.body.items.map((x: { studentId: string }) => x.studentId)).toEqual(['st10', 'st11']);

  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.request('GET', `/schools/${s}/students?limit=5${cursor ? `&cursor=${cursor}` : ''}`, { token: world.adminToken });
    expect(page.body.items.length).toBeLessThanOrEqual(5);
    seen.push(...page.body.items.map((x: { studentId: string }) => x.studentId));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen).toHaveLength(12);
  expect(new Set(seen).size).toBe(12);
});
