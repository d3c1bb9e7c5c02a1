import { parse } from 'csv-parse/sync';
import { createLocalJobRunner, LocalJobRunner } from '../../../infra/local/job-runner';
import { currentCode, givenSchool, postForFile, startApi, Api, SchoolWorld } from '../../support/world';

/** Where a school's codes stand: a census job's counts, the students with no parent, failed guesses by day. */
let api: Api;
let runner: LocalJobRunner;
beforeAll(async () => {
  runner = createLocalJobRunner({ retryPauseMs: 0 });
  api = await startApi({ jobs: runner });
});
afterAll(() => api.close());

async function census(world: SchoolWorld) {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'code-census' } });
  expect(started.status).toBe(202);
  await runner.wait(started.body.jobId);
  return started.body.jobId as string;
}
const lifecycle = (world: SchoolWorld, token = world.adminToken) => api.request('GET', `/schools/${world.school.schoolId}/codes/lifecycle?days=3`, { token });

test('the census counts exported, redeemed and never-redeemed current codes and the students with no parent, listed in its file', async () => {
  const world = await givenSchool({ studentCount: 6, parentCount: 2 });
  const s = world.school.schoolId;
  expect((await lifecycle(world)).body.census).toBeUndefined();

  expect((await postForFile(api, `/schools/${s}/codes/export`, world.adminToken, { studentIds: ['st0', 'st1', 'st2'] })).status).toBe(200);
  // st2's exported code is replaced: its new code has not been handed out.
  expect((await api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st2'] } })).status).toBe(200);
  const p0 = await world.parentToken('p0');
  expect((await api.request('POST', '/me/links', { token: p0, body: { code: await currentCode(api, world, 'st0') } })).status).toBe(201);
  expect((await api.request('POST', '/me/links', { token: p0, body: { code: await currentCode(api, world, 'st3') } })).status).toBe(201);
  // st3's redeemed code is reset: the new one has never been used (the link stays).
  expect((await api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st3'] } })).status).toBe(200);

  const jobId = await census(world);
  const view = await lifecycle(world);
  expect(view.status).toBe(200);
  expect(view.body.census).toMatchObject({ jobId, status: 'SUCCEEDED', effects: 4, tally: { students: 6, exported: 2, redeemed: 1, neverRedeemed: 5, unlinked: 4 } });
  expect(view.body.census.tally.expired).toBeUndefined();

  const link = await api.request('GET', `/schools/${s}/jobs/${jobId}/file`, { token: world.adminToken });
  const rows = parse(Buffer.from(await (await fetch(link.body.url)).arrayBuffer()), { bom: true }) as string[][];
  expect(rows[0]).toEqual(['Last name', 'First name', 'Student number', 'Grade', 'Homeroom']);
  expect(rows.slice(1).map((r) => r[2]).sort()).toEqual(['100001', '100002', '100004', '100005']);
  expect(JSON.stringify(rows)).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
});

test('failed guesses are counted by day for the schools that roster the guessing parent; a right code is not counted', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const other = await givenSchool({ studentCount: 1, parentCount: 0, districtId: world.districtId });
  const p0 = await world.parentToken('p0');
  for (const code of ['AAAA-BBBB-CCCC', 'not a code']) expect((await api.request('POST', '/me/links', { token: p0, body: { code } })).status).toBe(400);
  expect((await api.request('POST', '/me/links/preview', { token: p0, body: { code: 'ZZZZ-ZZZZ-ZZZZ' } })).status).toBe(400);
  expect((await api.request('POST', '/me/links', { token: p0, body: { code: await currentCode(api, world, 'st0') } })).status).toBe(201);
  const days = (await lifecycle(world)).body.failedGuesses;
  expect(days).toHaveLength(3);
  expect(days.map((d: { day: string }) => d.day)).toEqual([...days.map((d: { day: string }) => d.day)].sort());
  // All three today (or, run across midnight UTC, split over the last two days).
  expect(days[2].day).toBe(new Date().toISOString().slice(0, 10));
  expect(days.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(3);
  expect(days[0].count).toBe(0);
  expect((await lifecycle(other)).body.failedGuesses[2].count).toBe(0);
});

test('a census needs jobs:run; the view needs students:read; another school is not found', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 0 });
  const other = await givenSchool({ studentCount: 1, parentCount: 0 });
  const reader = await world.tokenFor(['students:read']);
  expect((await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: reader, body: { type: 'code-census' } })).status).toBe(403);
  expect((await lifecycle(world, reader)).status).toBe(200);
  expect((await lifecycle(world, await world.tokenFor(['audit:read']))).status).toBe(403);
  expect((await api.request('GET', `/schools/${other.school.schoolId}/codes/lifecycle`, { token: world.adminToken })).status).toBe(404);
});
