import '../../support/isolated-tables';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';

/**
 * Finding (issue 20, the seed's default password): school-wide Set Passwords gave every rostered
 * account a guessable default (last name + first initial) on one request that named no count.
 * Now the start must carry `confirmAccounts`, the total its preview counted, and the plan checks
 * it against the school as it is then: a different count fails the job before any write.
 */
let api: Api;
const runner = createLocalJobRunner({ retryPauseMs: 0 });
let world: SchoolWorld;
beforeAll(async () => {
  api = await startApi({ jobs: runner });
  world = await givenSchool({ studentCount: 0, parentCount: 3 });
});
afterAll(() => api.close());

async function run(body: Record<string, unknown>) {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'set-passwords', ...body } });
  if (started.status !== 202) return started;
  await runner.wait(started.body.jobId);
  return api.request('GET', `/schools/${world.school.schoolId}/jobs/${started.body.jobId}`, { token: world.adminToken });
}
const accounts = async () => (await districtState(world)).parents;

test('finding: school-wide Set Passwords named no count — without confirmAccounts it is refused (400) and starts nothing', async () => {
  const before = await accounts();
  const refused = await run({});
  expect(refused).toMatchObject({ status: 400, body: { error: { code: 'CONFIRM_ACCOUNTS_REQUIRED', message: expect.stringContaining('confirmAccounts') } } });
  expect(runner.executions.size).toBe(0);
  expect(await accounts()).toEqual(before);
  // A preview needs no confirmation, and a bad count is refused at the edge.
  expect((await run({ confirmAccounts: -1 })).status).toBe(400);
  expect((await run({ confirmAccounts: 'all' })).status).toBe(400);
});

test('the preview counts; a count that no longer holds (a parent rostered since) fails the job with nothing changed; the right count sets them', async () => {
  const preview = await run({ dryRun: true });
  expect(preview.body).toMatchObject({ status: 'SUCCEEDED', dryRun: true, total: 3 });
  // The roster grows between the preview and the start.
  const roster = { students: [], parents: [{ parentId: 'p9', firstName: 'Nina', lastName: 'Late', userName: `late.${world.school.schoolId}`, email: 'late@example.test' }] };
  expect((await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster })).status).toBe(200);
  const before = await accounts();
  const stale = await run({ confirmAccounts: preview.body.total, idempotencyKey: 'stale' });
  expect(stale.body).toMatchObject({ status: 'FAILED', processed: 0, effects: 0, problem: { code: 'CONFIRM_ACCOUNTS_MISMATCH', details: { confirmed: 3, counted: 4 } } });
  expect(await accounts()).toEqual(before);

  const done = await run({ confirmAccounts: 4, idempotencyKey: 'right' });
  expect(done.body).toMatchObject({ status: 'SUCCEEDED', total: 4, processed: 4, effects: 4 });
  const signIn = await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName: `late.${world.school.schoolId}`, password: 'LateN' } });
  expect(signIn.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
});
