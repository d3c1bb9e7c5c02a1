import { getStudent } from '../../../shared/data/student-profiles';
import { linksOfStudent } from '../../../shared/data/links';
import { linkSummaryOf } from '../../../shared/data/link-summary';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { seedLinks } from '../../support/seed';
import { countDynamoCalls } from '../../support/dynamo-calls';
import { currentCode, givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/**
 * A page of students reads their parents from each student's link summary, written in the same
 * transaction as every link change: a page costs a fixed number of DynamoDB round trips, and
 * the summary always says what the link items say.
 */
let api: Api;
const jobs = createLocalJobRunner();
beforeAll(async () => (api = await startApi({ jobs })));
afterAll(() => api.close());

/** Every student's summary equals its link items (ids and times). */
async function expectSummariesMatchLinks(world: SchoolWorld) {
  for (const { studentId } of world.students) {
    const links = (await linksOfStudent(world.school, studentId)).map((l) => ({ parentId: l.parentId, linkedAt: l.linkedAt }));
    const summary = linkSummaryOf((await getStudent(world.school, studentId))!);
    const byParent = (a: { parentId: string }, b: { parentId: string }) => a.parentId.localeCompare(b.parentId);
    expect({ studentId, summary: summary.sort(byParent) }).toEqual({ studentId, summary: links.sort(byParent) });
  }
}

test('a page of 100 students with their parents takes 4 DynamoDB round trips (and one audit write when it shows codes)', async () => {
  const world = await givenSchool({ studentCount: 100, parentCount: 60 });
  await seedLinks(world.school, world.students.flatMap((s, i) => [[s.studentId, `p${i % 60}`], ...(i % 3 === 0 ? [[s.studentId, `p${(i + 1) % 60}`] as [string, string]] : [])] as [string, string][]));
  let page: any;
  const calls = await countDynamoCalls(async () => {
    page = await api.request('GET', `/schools/${world.school.schoolId}/students?limit=100`, { token: world.adminToken });
  });
  expect(page.status).toBe(200);
  expect(page.body.items).toHaveLength(100);
  // The admin holds codes:read, so the page is shown with codes and audited once (code.viewed).
  const { PutItemCommand: audited = 0, ...reads } = calls;
  expect(audited).toBe(1);
  // The school, the index page (with the first page's student count sent beside it: a COUNT
  // query for each of six name ranges, one page each for 100 students), the students, their parents.
  expect(reads).toEqual({ GetItemCommand: 1, QueryCommand: 1 + 6, BatchGetItemCommand: 2 });
  expect(page.body.total).toBe(100);
  // And the parents it shows are the links there are.
  for (const row of page.body.items.slice(0, 10)) {
    const links = await linksOfStudent(world.school, row.studentId);
    expect(row.parents.map((p: { parentId: string }) => p.parentId).sort()).toEqual(links.map((l) => l.parentId).sort());
    expect(row.parents.every((p: { firstName?: string }) => p.firstName)).toBe(true);
  }
});

test('the summary follows every way a link comes and goes: redeem, remove, clear, not-my-child, the one-step fix, Clear All', async () => {
  const world = await givenSchool({ studentCount: 6, parentCount: 4 });
  const s = world.school.schoolId;
  const admin = { token: world.adminToken };
  for (const [i, studentId] of ['st0', 'st1', 'st2', 'st3', 'st4'].entries()) {
    const parent = await world.parentToken(`p${i % 4}`);
    expect((await api.request('POST', '/me/links', { token: parent, body: { code: await currentCode(api, world, studentId) } })).status).toBe(201);
  }
  // Two parents, one letter: both redeem st0 at once.
  const code = await currentCode(api, world, 'st0');
  const both = await Promise.all([1, 2].map(async (i) => api.request('POST', '/me/links', { token: await world.parentToken(`p${i}`), body: { code } })));
  expect(both.map((answer) => answer.status)).toEqual([201, 201]);
  await expectSummariesMatchLinks(world);

  expect((await api.request('DELETE', `/schools/${s}/students/st1/parents/p1`, admin)).status).toBe(200);
  expect((await api.request('POST', `/schools/${s}/links/clear`, { ...admin, body: { studentIds: ['st2'] } })).status).toBe(200);
  expect((await api.request('POST', `/me/students/${s}/st3/not-my-child`, { token: await world.parentToken('p3'), body: {} })).status).toBe(200);
  expect((await api.request('POST', `/schools/${s}/students/st4/wrong-link-fix`, { ...admin, body: { parentId: 'p0', reason: 'wrong family' } })).status).toBe(200);
  expect((await api.request('DELETE', `/me/students/${s}/st0`, { token: await world.parentToken('p0') })).status).toBe(200);
  await expectSummariesMatchLinks(world);
  const st0 = (await api.request('GET', `/schools/${s}/students?q=100000`, admin)).body.items[0];
  expect(st0.parents.map((p: { parentId: string }) => p.parentId).sort()).toEqual(['p1', 'p2']);

  const started = await api.request('POST', `/schools/${s}/jobs`, { ...admin, body: { type: 'clear-links' } });
  expect(started.status).toBe(202);
  await jobs.idle();
  expect((await api.request('GET', `/schools/${s}/jobs/${started.body.jobId}`, admin)).body.status).toBe('SUCCEEDED');
  await expectSummariesMatchLinks(world);
  expect((await api.request('GET', `/schools/${s}/students`, admin)).body.items.flatMap((row: { parents: unknown[] }) => row.parents)).toEqual([]);
});
