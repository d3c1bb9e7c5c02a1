import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { currentCode, givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';
import { PERMISSIONS } from '../../../shared/domain/principal';
import { runningJobCount } from '../../../shared/data/jobs';

/**
 * Finding (issue 20, schools): school ids were global across districts, so `PUT
 * /districts/{own}/schools/{id}` and orgs.csv told a district which ids others held (404) and
 * let it squat ids another district's SIS uses. A school id is now the district's own: every
 * key of a school carries its district, and two districts' schools of one id are two schools.
 */
let api: Api;
const runner = createLocalJobRunner({ retryPauseMs: 0 });
let north: SchoolWorld;
let south: SchoolWorld;
beforeAll(async () => {
  api = await startApi({ jobs: runner });
  north = await givenSchool({ studentCount: 3, parentCount: 2 });
  // The same school id, student ids and parent ids, in another district.
  south = await givenSchool({ studentCount: 3, parentCount: 2, schoolId: north.school.schoolId });
});
afterAll(() => api.close());

const put = (world: SchoolWorld, token: string, schoolId: string, body: unknown) =>
  api.request('PUT', `/districts/${world.districtId}/schools/${schoolId}`, { token, body });
const staffGet = (world: SchoolWorld, path: string) => api.request('GET', `/schools/${world.school.schoolId}${path}`, { token: world.adminToken });

test('finding: school ids are global across districts — an id another district holds is created as any new id, and neither school changes', async () => {
  const held = uniqueId('sis-100');
  const [first, second] = [await givenSchool({ studentCount: 0, parentCount: 0 }), await givenSchool({ studentCount: 0, parentCount: 0 })];
  const [firstAdmin, secondAdmin] = [await first.tokenFor(PERMISSIONS, '*'), await second.tokenFor(PERMISSIONS, '*')];
  const unheld = await put(second, secondAdmin, uniqueId('never-used'), { name: 'Control' });
  expect(await put(first, firstAdmin, held, { name: 'North Elementary', codeTtlDays: 30 })).toMatchObject({ status: 200, body: { created: true } });
  // The second district's SIS uses the same id: the same answer as for an id nobody holds.
  const squatted = await put(second, secondAdmin, held, { name: 'South Elementary' });
  expect(squatted).toMatchObject({ status: 200, body: { created: true, changed: ['name'], school: { schoolId: held, districtId: second.districtId } } });
  expect(Object.keys(squatted.body).sort()).toEqual(Object.keys(unheld.body).sort());
  const list = async (world: SchoolWorld, token: string) =>
    (await api.request('GET', `/districts/${world.districtId}/schools`, { token })).body.items.find((s: { schoolId: string }) => s.schoolId === held);
  expect(await list(first, firstAdmin)).toMatchObject({ name: 'North Elementary', codeTtlDays: 30, districtId: first.districtId });
  expect(await list(second, secondAdmin)).toMatchObject({ name: 'South Elementary', districtId: second.districtId });
  expect((await list(second, secondAdmin)).codeTtlDays).toBeUndefined();
  // Each trail holds only its own district's creation.
  for (const token of [firstAdmin, secondAdmin]) {
    const trail = await api.request('GET', `/schools/${held}/audit`, { token });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['school.created']);
  }
});

test('two districts with one school id keep apart students, codes, links, trails and jobs', async () => {
  const codes = async (world: SchoolWorld) => Promise.all(world.students.map((s) => currentCode(api, world, s.studentId)));
  const [northCodes, southCodes] = [await codes(north), await codes(south)];
  expect(new Set([...northCodes, ...southCodes]).size).toBe(6);

  // South resets its st0: north's st0 keeps its code.
  expect((await api.request('POST', `/schools/${south.school.schoolId}/codes/reset`, { token: south.adminToken, body: { studentIds: ['st0'] } })).status).toBe(200);
  expect(await currentCode(api, north, 'st0')).toBe(northCodes[0]);
  expect(await currentCode(api, south, 'st0')).not.toBe(southCodes[0]);

  // South's parent p0 cannot use north's code; north's p0 links north's st1, and south's st1 stays unlinked.
  const southParent = await south.parentToken('p0');
  expect((await api.request('POST', '/me/links', { token: southParent, body: { code: northCodes[1] } })).status).toBe(400);
  expect((await api.request('POST', '/me/links', { token: await north.parentToken('p0'), body: { code: northCodes[1] } })).status).toBe(201);
  const linked = async (world: SchoolWorld) => (await staffGet(world, '/students?limit=10')).body.items.find((s: { studentId: string }) => s.studentId === 'st1').parents;
  expect(await linked(north)).toEqual([expect.objectContaining({ parentId: 'p0' })]);
  expect(await linked(south)).toEqual([]);
  expect((await api.request('GET', '/me/students', { token: southParent })).body.students).toEqual([]);
  // A parent addresses only a school of their own district: south's p0 cannot unlink north's link.
  expect((await api.request('DELETE', `/me/students/${north.school.schoolId}/st1`, { token: southParent })).status).toBe(404);
  expect(await linked(north)).toHaveLength(1);

  // Trails: the reset is in south's only; the link in north's only.
  const actions = async (world: SchoolWorld) => (await staffGet(world, '/audit?limit=50')).body.items.map((e: { action: string }) => e.action);
  expect(await actions(south)).toContain('code.reset');
  expect(await actions(north)).not.toContain('code.reset');
  expect(await actions(north)).toContain('link.created');
  expect(await actions(south)).not.toContain('link.created');

  // Jobs: south's job is not north's to see, cancel or count against its limit.
  const started = await api.request('POST', `/schools/${south.school.schoolId}/jobs`, { token: south.adminToken, body: { type: 'reset-codes', dryRun: true, idempotencyKey: 'same-key' } });
  expect(started.status).toBe(202);
  const mirrored = await api.request('POST', `/schools/${north.school.schoolId}/jobs`, { token: north.adminToken, body: { type: 'reset-codes', dryRun: true, idempotencyKey: 'same-key' } });
  expect(mirrored.body.jobId).not.toBe(started.body.jobId);
  await runner.wait(started.body.jobId);
  await runner.wait(mirrored.body.jobId);
  expect((await staffGet(north, `/jobs/${started.body.jobId}`)).status).toBe(404);
  expect((await api.request('POST', `/schools/${north.school.schoolId}/jobs/${started.body.jobId}/cancel`, { token: north.adminToken })).status).toBe(404);
  expect((await staffGet(north, '/jobs')).body.items.map((j: { jobId: string }) => j.jobId)).toEqual([mirrored.body.jobId]);
  expect((await staffGet(south, `/jobs/${started.body.jobId}`)).body).toMatchObject({ status: 'SUCCEEDED', total: 3 });
  expect(await runningJobCount(north.school)).toBe(0);
});
