import { writeAuditEvents } from '../../../shared/data/audit';
import { countDynamoCalls } from '../../support/dynamo-calls';
import { givenSchool, startApi, Api } from '../../support/world';

/** A student's or parent's events come from their own index: bounded work, however large the school's trail. */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

test("a student's and a parent's events in one request from a trail of 2,500 others, paged by cursor, never another student's", async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const s = world.school.schoolId;
  const base = Date.now() - 3_000_000;
  const actor = { type: 'system' as const, id: 'test' };
  await writeAuditEvents(Array.from({ length: 2_500 }, (_, i) => ({ districtId: world.districtId, schoolId: s, action: 'student.viewed', actor, at: new Date(base + i * 1000).toISOString(), studentId: 'st0' })));
  await writeAuditEvents(Array.from({ length: 3 }, (_, i) => ({ districtId: world.districtId, schoolId: s, action: 'code.reset', actor, at: new Date(base + 500_000 + i).toISOString(), studentId: 'st1', ...(i === 0 ? { parentId: 'p0' } : {}) })));

  let mine: { body: { items: { studentId: string; action: string }[]; nextCursor?: string } } | undefined;
  const counts = await countDynamoCalls(async () => (mine = await api.request('GET', `/schools/${s}/audit?studentId=st1&limit=50`, { token: world.adminToken })));
  const calls = Object.values(counts).reduce((n, c) => n + c, 0);
  const body = mine!.body;
  expect(body.items.filter((e) => e.action === 'code.reset')).toHaveLength(3);
  expect(body.items.every((e) => e.studentId === 'st1')).toBe(true);
  expect(body.nextCursor).toBeUndefined();
  // The school, one query of the student's own index (a filter would have read the whole trail),
  // then the names the page refers to: one BatchGet of students, one of parents.
  expect(calls).toBeLessThanOrEqual(4);
  expect(counts.BatchGetItemCommand ?? 0).toBeLessThanOrEqual(2);
  expect(counts.QueryCommand).toBe(1);
  expect(JSON.stringify(body)).not.toMatch(/studentKey|parentKey/);

  const parent = await api.request('GET', `/schools/${s}/audit?parentId=p0&action=code.reset`, { token: world.adminToken });
  expect(parent.body.items).toHaveLength(1);
  // Names beside the ids, read with the page: the events keep ids only.
  expect(parent.body.items[0]).toMatchObject({ studentId: 'st1', studentName: 'First1 Last001', parentId: 'p0', parentName: 'Parent0 Family0', actorName: 'Parent Access (test)' });

  // Paging through a student's index: two pages of 2, and a cursor of st1's index cannot read st0's.
  const first = await api.request('GET', `/schools/${s}/audit?studentId=st1&action=code.reset&limit=2`, { token: world.adminToken });
  expect(first.body.items).toHaveLength(2);
  const second = await api.request('GET', `/schools/${s}/audit?studentId=st1&action=code.reset&limit=2&cursor=${first.body.nextCursor}`, { token: world.adminToken });
  expect(second.body.items).toHaveLength(1);
  const crossed = await api.request('GET', `/schools/${s}/audit?studentId=st0&limit=2&cursor=${first.body.nextCursor}`, { token: world.adminToken });
  expect(crossed).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
});
