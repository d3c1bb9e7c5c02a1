import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { getParent } from '../../../shared/data/parents';
import { PERMISSIONS } from '../../../shared/domain/principal';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';
import { seedLinks } from '../../support/seed';

/** Regression tests of issue 20's tenancy findings: a link to a school's student is not a hold on the parent's account. */
let api: Api;
const runner = createLocalJobRunner({ retryPauseMs: 0 });
beforeAll(async () => (api = await startApi({ jobs: runner })));
afterAll(() => api.close());

/** School B rosters parent p0, whose child is in B; p0 has also linked a student of school A. */
async function givenParentLinkedAcrossSchools(): Promise<{ a: SchoolWorld; b: SchoolWorld }> {
  const b = await givenSchool({ studentCount: 1, parentCount: 1 });
  const a = await givenSchool({ districtId: b.districtId, studentCount: 1, parentCount: 0 });
  await seedLinks(b.school, [['st0', 'p0']]);
  await seedLinks(a.school, [['st0', 'p0']]);
  return { a, b };
}

const trail = async (world: SchoolWorld, token: string, action: string) =>
  (await api.request('GET', `/schools/${world.school.schoolId}/audit?parentId=p0&action=${action}`, { token })).body.items;

test("staff of a school that only links a parent cannot reset, unlock or job that parent's password (finding: cross-school takeover through links)", async () => {
  const { a, b } = await givenParentLinkedAcrossSchools();
  const sA = a.school.schoolId;
  const staffOfA = await a.tokenFor(['passwords:set', 'parents:read', 'jobs:run']);
  const before = { a: await districtState(a), b: await districtState(b) };

  const unknown = await api.request('POST', `/schools/${sA}/parents/nobody/password`, { token: staffOfA, body: { confirm: true } });
  expect(unknown.status).toBe(404);
  const attempts = [
    api.request('POST', `/schools/${sA}/parents/p0/password`, { token: staffOfA, body: { confirm: true } }),
    api.request('POST', `/schools/${sA}/parents/passwords`, { token: staffOfA, body: { parentIds: ['p0'], confirm: true } }),
    api.request('POST', `/schools/${sA}/parents/p0/unlock`, { token: staffOfA }),
    api.request('POST', `/schools/${sA}/jobs`, { token: staffOfA, body: { type: 'set-passwords', parentIds: ['p0'] } }),
  ];
  for (const refused of await Promise.all(attempts)) {
    // The same answer as for a parent that does not exist: nothing about p0 is revealed.
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual(unknown.body);
  }
  expect(await districtState(a)).toEqual(before.a);
  expect(await districtState(b)).toEqual(before.b);
  expect(runner.executions.size).toBe(0);

  // Looking the parent up stays (the office tells a parent their user name), with A's student only.
  const found = await api.request('GET', `/schools/${sA}/parents?by=userName&q=${b.parents[0]!.userName}`, { token: staffOfA });
  expect(found.status).toBe(200);
  expect(found.body.items).toEqual([expect.objectContaining({ parentId: 'p0', managed: false, students: [expect.objectContaining({ studentId: 'st0' })] })]);
  // The look-up says who may change the account, so the console offers Set Password only there.
  const q = `by=userName&q=${b.parents[0]!.userName}`;
  expect((await api.request('GET', `/schools/${b.school.schoolId}/parents?${q}`, { token: await b.tokenFor(['parents:read']) })).body.items[0].managed).toBe(true);
  expect((await api.request('GET', `/schools/${sA}/parents?${q}`, { token: await a.tokenFor(['parents:read'], '*') })).body.items[0].managed).toBe(true);

  // The rostering school still may.
  const byB = await api.request('POST', `/schools/${b.school.schoolId}/parents/p0/password`, { token: await b.tokenFor(['passwords:set']), body: { confirm: true } });
  expect(byB.status).toBe(200);
});

test('a district-wide reset or unlock of a parent through another school is audited in every school that rosters the parent', async () => {
  const { a, b } = await givenParentLinkedAcrossSchools();
  const district = await a.tokenFor(PERMISSIONS, '*');
  const sessionBefore = (await getParent(a.districtId, 'p0'))!.sessionVersion ?? 0;

  expect((await api.request('POST', `/schools/${a.school.schoolId}/parents/p0/password`, { token: district, body: { confirm: true } })).status).toBe(200);
  expect((await api.request('POST', `/schools/${a.school.schoolId}/parents/p0/unlock`, { token: district })).status).toBe(200);
  expect((await getParent(a.districtId, 'p0'))!.sessionVersion).toBe(sessionBefore + 2);

  for (const action of ['parent.password-set', 'parent.unlocked']) {
    // B rosters p0: its trail shows what was done through A, and where.
    expect(await trail(b, district, action)).toEqual([expect.objectContaining({ action, details: expect.objectContaining({ through: a.school.schoolId }) })]);
    // A, the school the change was made through, records it as its own.
    const inA = await trail(a, district, action);
    expect(inA).toHaveLength(1);
    expect(inA[0].details?.through).toBeUndefined();
  }

  // A set-passwords job of district-wide staff through A: the parent's password is set, recorded in B too.
  const job = await api.request('POST', `/schools/${a.school.schoolId}/jobs`, { token: district, body: { type: 'set-passwords', parentIds: ['p0'] } });
  expect(job.status).toBe(202);
  await runner.wait(job.body.jobId);
  expect((await api.request('GET', `/schools/${a.school.schoolId}/jobs/${job.body.jobId}`, { token: district })).body).toMatchObject({ status: 'SUCCEEDED', effects: 1 });
  expect(await trail(b, district, 'parent.password-set')).toHaveLength(2);
});
