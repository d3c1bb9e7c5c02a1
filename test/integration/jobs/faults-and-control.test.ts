import '../../support/isolated-tables';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { dynamo, table } from '../../../shared/data/client';
import { localBindings } from '../../../shared/config';
import { getStudent, getStudents } from '../../../shared/data/student-profiles';
import { findCodeOwner } from '../../../shared/data/student-codes';
import { keys } from '../../../shared/data/keys';
import { getJob } from '../../../shared/data/jobs';
import { processPage, PageState } from '../../../shared/jobs/engine';
import { jobWork } from '../../../shared/jobs/work';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { expectOneRedeemableCodeEach, injectThrottling, resetsAudited } from '../../support/job-invariants';
import { seedStudents } from '../../support/seed';
import { districtState } from '../../support/state';

jest.setTimeout(180_000);

const realPage = (input: PageState) => processPage(input);


test('a reset that dies between its writes (after the new lookup, after the switch) leaves one redeemable code per student, and the retry finishes it', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const ids = await seedStudents(world.school, 300);
  const runner = createLocalJobRunner({ retryPauseMs: 0 });
  const api = await startApi({ jobs: runner });
  const oldHashes = new Map([...(await getStudents(world.school, ids))].map(([id, student]) => [id, student.codeHash]));
  // Students whose id ends in 33 crash once right after their new lookup was put (the switch
  // fails); those ending in 77 once right after the switch (the old lookup's removal fails).
  // Few enough per page that its retries (5) see each page through. The
  // page throws, as a crashed worker would, and Step Functions retries it.
  const crashed = new Set<string>();
  const atCrash: { studentId: string; redeemable: boolean }[] = [];
  let injected = 0;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: { TableName?: string; Key?: { pk?: string } } }).input;
      const switching = context.commandName === 'UpdateItemCommand' && input.TableName === table('students') && /33$/.test(input.Key?.pk ?? '');
      const removing = context.commandName === 'DeleteItemCommand' && input.TableName === table('codes');
      const owner = removing ? [...oldHashes].find(([, hash]) => input.Key?.pk === `CODE#${hash}`)?.[0] : undefined;
      const victim = switching ? `switch:${input.Key!.pk}` : owner && /77$/.test(owner) ? `remove:${owner}` : undefined;
      if (victim && !crashed.has(victim)) {
        crashed.add(victim);
        injected++;
        // At the moment of the crash the student's current code must be redeemable: its lookup exists.
        const studentId = switching ? keys.idOf(input.Key!.pk!) : owner!;
        const current = (await getStudent(world.school, studentId))!;
        atCrash.push({ studentId, redeemable: (await findCodeOwner(current.codeHash))?.studentId === studentId });
        throw new Error('Lambda crashed between two writes of a reset (injected)');
      }
      return next(args);
    },
    { step: 'initialize', name: 'crashBetweenWrites' },
  );
  try {
    const before = await getStudents(world.school, ids);
    const jobId = await start(api, world, { type: 'reset-codes' });
    await runner.wait(jobId);
    // b33, b133, b233 and b77, b177, b277: each crashed once.
    expect(injected).toBe(6);
    expect(atCrash.filter((c) => !c.redeemable)).toEqual([]);
    const job = (await getJob(jobId))!;
    expect(job).toMatchObject({ status: 'SUCCEEDED', processed: 300, effects: 300, failed: 0 });
    const after = await getStudents(world.school, ids);
    for (const id of ids) expect(after.get(id)!.codeHash).not.toBe(before.get(id)!.codeHash);
    await expectOneRedeemableCodeEach(world, ids);
    expect((await resetsAudited(api, world, jobId)).sort()).toEqual([...ids].sort());
  } finally {
    dynamo.middlewareStack.remove('crashBetweenWrites');
    await api.close();
  }
});

async function start(api: Api, world: SchoolWorld, body: Record<string, unknown>) {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body });
  expect(started.status).toBe(202);
  return started.body.jobId as string;
}

test('batches that crash after doing their work, and throttling from DynamoDB, still end exact', async () => {
  let crashes = 0;
  // A crash mid-batch: the page's work is done, then the invocation dies before returning.
  const runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      ProcessPage: async (input: PageState) => {
        const output = await realPage(input);
        if (crashes < 6 && input.segment.index % 3 === 0) {
          crashes++;
          throw new Error('Lambda crashed after the batch');
        }
        return output;
      },
    },
  });
  const api = await startApi({ jobs: runner });
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const ids = await seedStudents(world.school, 600);
  const before = await getStudents(world.school, ids);

  // DynamoDB throttles one in ten writes: a fault DynamoDB Local cannot produce, injected in the SDK.
  const throttling = injectThrottling(10, Infinity);
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    const execution = await runner.wait(jobId);
    const job = (await getJob(jobId))!;
    expect(crashes).toBe(6);
    expect(throttling.counts.throttled).toBeGreaterThan(10);
    expect(execution.events.filter((e) => e.type === 'StateRetried').length).toBeGreaterThanOrEqual(crashes);
    expect(job).toMatchObject({ status: 'SUCCEEDED', total: 600, processed: 600, effects: 600, failed: 0 });
    const after = await getStudents(world.school, ids);
    for (const id of ids) {
      expect(after.get(id)!.codeHash).not.toBe(before.get(id)!.codeHash);
      // The type's exactly-once marker, named by the registry, holds this job's id.
      expect((after.get(id) as unknown as Record<string, unknown>)[(await jobWork('reset-codes')).marker!]).toBe(jobId);
    }
    // One audit event per page, listing its students: every student exactly once.
    expect((await resetsAudited(api, world, jobId)).sort()).toEqual([...ids].sort());
    await expectOneRedeemableCodeEach(world, ids);
  } finally {
    throttling.stop();
    await api.close();
  }
});

test('pages commit to their segment, never to the job item: a wide job has no hot item', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  await seedStudents(world.school, 400);
  const runner = createLocalJobRunner({ retryPauseMs: 0 });
  const api = await startApi({ jobs: runner });
  const writes: { command: string; pk: string; sk?: string; writer?: string }[] = [];
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, any> }).input;
      if (!['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(context.commandName ?? '')) return next(args);
      const items = context.commandName === 'TransactWriteItemsCommand' ? input.TransactItems.map((t: any) => Object.values(t)[0]) : [input];
      for (const item of items) {
        const key = item.Key ?? item.Item;
        if (item.TableName === table('jobs') && key) writes.push({ command: context.commandName!, pk: key.pk, sk: key.sk, writer: localBindings.getStore()?.functionName });
      }
      return next(args);
    },
    { step: 'initialize', name: 'countJobWrites' },
  );
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    await runner.wait(jobId);
    const job = (await getJob(jobId))!;
    expect(job).toMatchObject({ status: 'SUCCEEDED', processed: 400, effects: 400 });
    const onJobItem = writes.filter((w) => w.sk === 'JOB' && w.pk === `JOB#${jobId}`);
    // Registered, its total and segments set, finished: whatever the number of pages.
    expect(onJobItem.length).toBeLessThanOrEqual(3);
    const onSegments = writes.filter((w) => w.pk.startsWith(`JOB#${jobId}#SEG#`));
    expect(onSegments.length).toBe(job.pages);
    // 400 students: four equal segments (of eight pages each: pageSizeFor), each its own item.
    expect(new Set(onSegments.map((w) => w.pk)).size).toBe(4);
  } finally {
    dynamo.middlewareStack.remove('countJobWrites');
    await api.close();
  }
});

test('re-running a batch that already committed changes nothing and counts nothing', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const ids = await seedStudents(world.school, 150);
  const runner = createLocalJobRunner({ retryPauseMs: 0 });
  const api = await startApi({ jobs: runner });
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    await runner.wait(jobId);
    const job = (await getJob(jobId))!;
    const state = await districtState(world);
    // The first page of every segment, run again by hand, as a duplicate delivery would (with the page size the plan chose).
    for (const segment of (await (await jobWork('reset-codes')).spread!(world.school, {})).segments) {
      await processPage({ job: { jobId, type: 'reset-codes', schoolId: world.school.schoolId, districtId: world.districtId, dryRun: false, actor: job.actor }, segment: { ...segment, pageSize: job.pageSize } });
    }
    expect(await districtState(world)).toEqual(state);
    expect(await getJob(jobId)).toEqual(job);
    expect(job.processed).toBe(ids.length);
  } finally {
    await api.close();
  }
});

test('cancel stops further batches; the job ends CANCELLED with what it did counted', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let pagesRun = 0;
  const runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      ProcessPage: async (input: PageState) => {
        if (pagesRun++ === 2) await gate; // hold the third page until the cancel is in
        return realPage(input);
      },
    },
  });
  const api = await startApi({ jobs: runner });
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  await seedStudents(world.school, 600);
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    while (pagesRun < 3) await new Promise((r) => setTimeout(r, 20));
    const cancel = await api.request('POST', `/schools/${world.school.schoolId}/jobs/${jobId}/cancel`, { token: world.adminToken });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('CANCELLING');
    release();
    await runner.wait(jobId);
    const job = (await getJob(jobId))!;
    expect(job.status).toBe('CANCELLED');
    expect(job.processed).toBeLessThan(600);
    const students = await getStudents(world.school, Array.from({ length: 600 }, (_, i) => `b${i}`));
    expect([...students.values()].filter((s) => s.resetByJob === jobId)).toHaveLength(job.effects);
    const again = await api.request('POST', `/schools/${world.school.schoolId}/jobs/${jobId}/cancel`, { token: world.adminToken });
    expect(again.status).toBe(409);
  } finally {
    await api.close();
  }
});

test('set passwords for selected parents as a job; bad requests start nothing', async () => {
  const runner = createLocalJobRunner({ retryPauseMs: 0 });
  const api = await startApi({ jobs: runner });
  const world = await givenSchool({ studentCount: 1, parentCount: 3 });
  const s = world.school.schoolId;
  try {
    const before = await districtState(world);
    const bad = [
      { type: 'reset-all' },
      { type: 'reset-codes', parentIds: ['p0'] },
      { type: 'set-passwords', parentIds: ['p0', 'stranger'] },
      { type: 'reset-codes', toleratedFailurePercent: 101 },
      { type: 'reset-codes', toleratedFailurePercent: 5e-324 }, // below DynamoDB's smallest number; found by the fuzzer
      { type: 'reset-codes', toleratedFailurePercent: 0.125 },
    ];
    for (const body of bad) {
      const r = await api.request('POST', `/schools/${s}/jobs`, { token: world.adminToken, body });
      expect({ body, status: r.status }).toEqual({ body, status: expect.any(Number) });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    expect(await districtState(world)).toEqual(before);
    expect(runner.executions.size).toBe(0);

    const jobId = await start(api, world, { type: 'set-passwords', parentIds: ['p0', 'p2'] });
    await runner.wait(jobId);
    expect(await getJob(jobId)).toMatchObject({ status: 'SUCCEEDED', total: 2, processed: 2, effects: 2 });
    const signIn = await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName: world.parents[2]!.userName, password: 'Family2P' } });
    expect(signIn.body.challenge).toBe('NEW_PASSWORD_REQUIRED');
    const list = await api.request('GET', `/schools/${s}/jobs`, { token: world.adminToken });
    expect(list.body.items.map((j: { jobId: string }) => j.jobId)).toEqual([jobId]);
  } finally {
    await api.close();
  }
});

test('schedules are created, changed, listed and deleted through the API', async () => {
  const api = await startApi();
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const path = `/schools/${world.school.schoolId}/schedules`;
  try {
    const put = await api.request('PUT', `${path}/school-year`, { token: world.adminToken, body: { type: 'reset-codes', expression: 'cron(0 5 1 9 ? *)', timezone: 'America/Chicago' } });
    expect(put.status).toBe(200);
    await api.request('PUT', `${path}/school-year`, { token: world.adminToken, body: { type: 'clear-links', expression: 'cron(0 5 1 9 ? *)' } });
    const list = await api.request('GET', path, { token: world.adminToken });
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'school-year', type: 'clear-links', timezone: 'UTC' })]);
    const bad = await api.request('PUT', `${path}/x`, { token: world.adminToken, body: { type: 'reset-codes', expression: 'every monday' } });
    expect(bad.status).toBe(400);
    const passwords = await api.request('PUT', `${path}/x`, { token: world.adminToken, body: { type: 'set-passwords', expression: 'rate(1 day)' } });
    expect(passwords.status).toBe(400);
    expect((await api.request('DELETE', `${path}/school-year`, { token: world.adminToken })).status).toBe(200);
    expect((await api.request('DELETE', `${path}/school-year`, { token: world.adminToken })).status).toBe(404);
  } finally {
    await api.close();
  }
});
