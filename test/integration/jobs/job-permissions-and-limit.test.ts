import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { createLocalScheduler } from '../../../infra/local/scheduler-local';
import { mintStaffToken } from '../../../infra/local/dev-auth';
import { useLocalAdapters } from '../../../shared/adapters';
import { config } from '../../../shared/config';
import { putSchool } from '../../../shared/data/schools';
import { getJob, runningJobCount } from '../../../shared/data/jobs';
import { processPage, type PageState } from '../../../shared/jobs/engine';
import { PERMISSIONS } from '../../../shared/domain/principal';
import { isSchedulerName, schedulerScheduleName } from '../../../shared/domain/schedule-names';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

/** Regression tests of issue 20's job findings: type permissions on cancel and schedules, the per-school job limit, schedule names. */
jest.setTimeout(120_000);

/** Pages wait for the gate, so the jobs a test starts stay running until it opens it. */
let open: () => void = () => {};
let gate = Promise.resolve();
function closeGate() {
  gate = new Promise((resolve) => (open = resolve));
}
const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: { ProcessPage: async (state: PageState) => (await gate, processPage(state)) } });
let api: Api;
beforeAll(async () => (api = await startApi({ jobs: runner })));
afterAll(async () => {
  open();
  await api.close();
});

const start = (world: SchoolWorld, body: Record<string, unknown>, token = world.adminToken) =>
  api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token, body });

test('jobs:run alone cannot cancel a Reset All or replace a Reset All schedule', async () => {
  closeGate();
  const world = await givenSchool({ studentCount: 3, parentCount: 0 });
  const s = world.school.schoolId;
  const reset = await start(world, { type: 'reset-codes' });
  expect(reset.status).toBe(202);
  const jobsOnly = await world.tokenFor(['jobs:run', 'students:read']);

  const cancel = await api.request('POST', `/schools/${s}/jobs/${reset.body.jobId}/cancel`, { token: jobsOnly });
  expect(cancel.status).toBe(403);
  expect(cancel.body.error).toEqual({
    code: 'FORBIDDEN',
    message: 'Your account can see students and jobs and run whole-school jobs but cannot reset access codes, which it needs to cancel this Reset All job. ' +
      'Ask a school administrator to cancel this Reset All job or to give your account that permission.',
    details: { permission: 'codes:reset' },
  });
  expect((await getJob(reset.body.jobId))!).toMatchObject({ status: 'RUNNING' });
  expect(await runningJobCount(world.school)).toBe(1);
  const allowed = await api.request('POST', `/schools/${s}/jobs/${reset.body.jobId}/cancel`, { token: await world.tokenFor(['jobs:run', 'codes:reset']) });
  expect(allowed.status).toBe(200);
  open();
  await runner.wait(reset.body.jobId);
  expect((await getJob(reset.body.jobId))!.status).toBe('CANCELLED');

  // Schedules: a Reset All and a Clear All one, made by staff who hold those permissions.
  for (const [name, type] of [['autumn', 'reset-codes'], ['summer', 'clear-links']] as const) {
    expect((await api.request('PUT', `/schools/${s}/schedules/${name}`, { token: world.adminToken, body: { type, expression: 'cron(0 5 1 9 ? *)' } })).status).toBe(200);
  }
  const census = { type: 'code-census', expression: 'cron(0 3 * * ? *)' };
  for (const [name, needed, label] of [['autumn', 'codes:reset', 'Reset All'], ['summer', 'links:remove', 'Clear All']]) {
    // A census schedule needs only students:read, but replacing or deleting theirs needs theirs.
    const replace = await api.request('PUT', `/schools/${s}/schedules/${name}`, { token: jobsOnly, body: census });
    expect(replace.status).toBe(403);
    expect(replace.body.error).toMatchObject({ details: { permission: needed }, message: expect.stringContaining(`which it needs to replace this schedule of ${label} jobs.`) });
    const remove = await api.request('DELETE', `/schools/${s}/schedules/${name}`, { token: jobsOnly });
    expect(remove.status).toBe(403);
    expect(remove.body.error).toMatchObject({ details: { permission: needed }, message: expect.stringContaining(`which it needs to delete this schedule of ${label} jobs.`) });
  }
  const listed = await api.request('GET', `/schools/${s}/schedules`, { token: jobsOnly });
  expect(listed.body.items.map((x: { name: string; type: string }) => `${x.name}:${x.type}`).sort()).toEqual(['autumn:reset-codes', 'summer:clear-links']);
  // Under a name of its own, the census schedule is theirs to make and delete.
  expect((await api.request('PUT', `/schools/${s}/schedules/nightly`, { token: jobsOnly, body: census })).status).toBe(200);
  expect((await api.request('DELETE', `/schools/${s}/schedules/nightly`, { token: jobsOnly })).status).toBe(200);
});

test('a third concurrent job of a school is refused with JOB_LIMIT, and slots come back when jobs end, crashed ones too', async () => {
  expect(config.MAX_RUNNING_JOBS_PER_SCHOOL).toBe(2);
  closeGate();
  const world = await givenSchool({ studentCount: 3, parentCount: 0 });
  const s = world.school.schoolId;
  const other = await givenSchool({ districtId: world.districtId, studentCount: 1, parentCount: 0 });

  // Three admins start at the same moment: the registration's conditional write admits two.
  const answers = await Promise.all([
    start(world, { type: 'reset-codes' }),
    start(world, { type: 'clear-links' }),
    start(world, { type: 'code-census', dryRun: true }),
  ]);
  expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 409]);
  const refused = answers.find((a) => a.status === 409)!;
  expect(refused.body.error).toMatchObject({ code: 'JOB_LIMIT', message: expect.stringContaining('2 jobs at once') });
  expect(await runningJobCount(world.school)).toBe(2);
  const jobs = (await api.request('GET', `/schools/${s}/jobs`, { token: world.adminToken })).body.items;
  expect(jobs.filter((j: { status: string }) => j.status === 'RUNNING')).toHaveLength(2);
  for (const job of jobs) expect(job).not.toHaveProperty('holdsSlot');

  // Once full, a start is refused before anything starts; another school is not held back.
  const executions = runner.executions.size;
  // A type none of the three is (whichever two were admitted), so only the school's limit refuses it.
  expect((await start(world, { type: 'export-codes' })).body.error.code).toBe('JOB_LIMIT');
  expect(runner.executions.size).toBe(executions);
  const elsewhere = await start(other, { type: 'code-census' });
  expect(elsewhere.status).toBe(202);

  open();
  await runner.idle();
  expect(await runningJobCount(world.school)).toBe(0);
  expect(await runningJobCount(other.school)).toBe(0);

  // A job whose execution crashes (Plan fails past its retries) gives its slot back through SettleJob.
  const crashing = createLocalJobRunner({ retryPauseMs: 0, handlers: { Plan: async () => { throw new Error('plan crashed (injected)'); } } });
  useLocalAdapters({ jobStarter: crashing });
  try {
    const crashed = await start(world, { type: 'code-census' });
    expect(crashed.status).toBe(202);
    await crashing.wait(crashed.body.jobId);
    expect((await getJob(crashed.body.jobId))!.status).toBe('FAILED');
    expect(await runningJobCount(world.school)).toBe(0);
  } finally {
    useLocalAdapters({ jobStarter: runner });
  }
  await runner.idle();
});

test('a school runs one job of a type at a time (JOB_TYPE_RUNNING), so it never holds all of that type\'s page workers; other types and other schools go on', async () => {
  closeGate();
  const world = await givenSchool({ studentCount: 3, parentCount: 0 });
  const other = await givenSchool({ districtId: world.districtId, studentCount: 1, parentCount: 0 });
  // Two admins start a census (one a preview) at the same moment: the registration admits one.
  const both = await Promise.all([start(world, { type: 'code-census' }), start(world, { type: 'code-census', dryRun: true })]);
  expect(both.map((a) => a.status).sort()).toEqual([202, 409]);
  expect(both.find((a) => a.status === 409)!.body.error).toMatchObject({ code: 'JOB_TYPE_RUNNING', details: { type: 'code-census' } });
  expect(await runningJobCount(world.school, 'code-census')).toBe(1);
  // Refused before anything starts while it runs; another type, or another school's census, starts.
  const executions = runner.executions.size;
  expect((await start(world, { type: 'code-census', idempotencyKey: 'later' })).body.error.code).toBe('JOB_TYPE_RUNNING');
  expect(runner.executions.size).toBe(executions);
  expect((await start(world, { type: 'reset-codes', dryRun: true })).status).toBe(202);
  expect((await start(other, { type: 'code-census' })).status).toBe(202);
  open();
  await runner.idle();
  expect(await runningJobCount(world.school, 'code-census')).toBe(0);
  expect((await start(world, { type: 'code-census', idempotencyKey: 'after' })).status).toBe(202);
  await runner.idle();
});

test('two long schedule names of one school stay two schedules', async () => {
  const scheduler = createLocalScheduler();
  useLocalAdapters({ jobScheduler: scheduler });
  try {
    // A school id of 63 characters: "<schoolId>.<name>" is over 64 for both names, and the first 64 are the same.
    const districtId = uniqueId('d');
    const schoolId = `${uniqueId('s')}-${'x'.repeat(52)}`;
    await putSchool({ schoolId, districtId, name: 'Long Id School' });
    const token = await mintStaffToken({ sub: uniqueId('staff'), district: districtId, schools: [schoolId], permissions: [...PERMISSIONS] });
    const names = ['reset-autumn-term', 'reset-spring-term'];
    expect(new Set(names.map((name) => `${schoolId}.${name}`.slice(0, 64))).size).toBe(1);

    for (const name of names) {
      expect((await api.request('PUT', `/schools/${schoolId}/schedules/${name}`, { token, body: { type: 'reset-codes', expression: 'cron(0 5 1 9 ? *)' } })).status).toBe(200);
    }
    expect(scheduler.schedules().size).toBe(2);
    for (const held of scheduler.schedules().keys()) expect(held.length).toBeLessThanOrEqual(64);
    expect((await api.request('DELETE', `/schools/${schoolId}/schedules/${names[0]}`, { token })).status).toBe(200);
    expect([...scheduler.schedules().values()].map((x) => x.name)).toEqual([names[1]]);
    const listed = await api.request('GET', `/schools/${schoolId}/schedules`, { token });
    expect(listed.body.items.map((x: { name: string }) => x.name)).toEqual([names[1]]);
  } finally {
    useLocalAdapters({ jobScheduler: undefined });
  }
  // Short names are kept as they are; the stand-in refuses what EventBridge Scheduler would.
  expect(schedulerScheduleName({ districtId: 'north', schoolId: 'lincoln-ms' }, 'autumn')).toBe('north.lincoln-ms.autumn');
  expect(schedulerScheduleName({ districtId: 'd', schoolId: 'a'.repeat(64) }, 'b'.repeat(64))).toHaveLength(64);
  // The same school id and schedule name in two districts are two scheduler schedules.
  expect(schedulerScheduleName({ districtId: 'north', schoolId: '100' }, 'autumn')).not.toBe(schedulerScheduleName({ districtId: 'south', schoolId: '100' }, 'autumn'));
  expect(isSchedulerName('a'.repeat(64))).toBe(true);
  expect(isSchedulerName('a'.repeat(65))).toBe(false);
  const tooLong = { districtId: 'd', schoolId: 's', name: 'x', type: 'reset-codes', expression: 'rate(1 day)', timezone: 'UTC', updatedAt: '', schedulerName: 'a'.repeat(65) } as const;
  await expect(createLocalScheduler().save(tooLong, 'd')).rejects.toMatchObject({ name: 'ValidationException' });
});
