import '../../support/isolated-tables';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { createJob, finishJob, getJob, recordAbandonedSegment, requestCancel } from '../../../shared/data/jobs';
import { getStudents } from '../../../shared/data/student-profiles';
import { planJob, processPage, settleInterruptedJob, summarizeJob, type ExecutionInput, type Interruption } from '../../../shared/jobs/engine';
import { givenSchool, startApi, uniqueId, type Api, type SchoolWorld } from '../../support/world';
import { auditOf } from '../../support/job-invariants';
import { seedStudents } from '../../support/seed';

// Finding: "a failed Plan leaves the job RUNNING": its dialog polled for ever, a census could
// not be started again, and a cancel stayed CANCELLING. Each step that can fail past its retries
// is made to, and the job must end with the counts its committed pages recorded.
jest.setTimeout(120_000);

const crash = () => {
  throw new Error('the step failed (injected)');
};

/** SettleJob as deployed, counting who called it: the state machine's catch, then the runner as the EventBridge rule. */
function countedSettle(failFirst = 0) {
  const calls: { event: Interruption; status?: string }[] = [];
  const settle = async (event: Interruption) => {
    if (calls.push({ event }) <= failFirst) throw new Error('settling failed too (injected)');
    const settled = await settleInterruptedJob(event);
    calls[calls.length - 1]!.status = settled.status;
    return settled;
  };
  return { calls, settle };
}

/** The error an execution failed with (the local interpreter wraps it, as the cause of its own). */
const failureOf = (result: Promise<unknown>) => result.then(() => 'succeeded', (error: Error) => (error.cause as Error | undefined)?.name ?? error.name);

async function start(api: Api, world: SchoolWorld, body: Record<string, unknown>) {
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body });
  expect(started.status).toBe(202);
  return started.body.jobId as string;
}

const interruptions = async (api: Api, world: SchoolWorld, jobId: string) =>
  (await auditOf(api, world, 'job.interrupted')).filter((event) => event.details.jobId === jobId);

test('a plan that fails past its retries: the job ends FAILED with nothing done, the trail says why once, and the execution fails', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const ids = await seedStudents(world.school, 30);
  const before = await getStudents(world.school, ids);
  let plans = 0;
  const { calls, settle } = countedSettle();
  const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: {
      // Reset All's plan always fails; any other job plans as deployed.
      Plan: async (event: { input: { type: string } }) => (event.input.type === 'reset-codes' ? (plans++, crash()) : planJob(event as never)),
      SettleJob: settle,
    },
  });
  const api = await startApi({ jobs: runner });
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    const execution = await runner.wait(jobId);
    expect(await failureOf(execution.result)).toBe('JobInterrupted');
    expect(plans).toBe(5); // the first attempt and its four retries (MaxAttempts counts retries)
    const shown = await api.request('GET', `/schools/${world.school.schoolId}/jobs/${jobId}`, { token: world.adminToken });
    expect(shown.body).toMatchObject({ status: 'FAILED', processed: 0, effects: 0, finishedAt: expect.any(String) });
    // The catch settled it; the rule's report came second and found it settled.
    expect(calls).toEqual([
      { event: { executionName: jobId, error: 'Error', input: expect.objectContaining({ jobId, type: 'reset-codes' }) }, status: 'FAILED' },
      { event: { executionName: jobId, error: 'FAILED', input: expect.any(String) } },
    ]);
    expect((await interruptions(api, world, jobId)).map((e) => ({ actor: e.actor, details: e.details }))).toEqual([
      { actor: { type: 'system', id: 'job-engine' }, details: { jobId, type: 'reset-codes', status: 'FAILED', processed: 0, failed: 0, effects: 0, cause: 'Error' } },
    ]);
    const after = await getStudents(world.school, ids);
    for (const id of ids) expect(after.get(id)!.codeHash).toBe(before.get(id)!.codeHash);
    // Nothing blocks the next job.
    const next = await start(api, world, { type: 'code-census' });
    expect((await runner.wait(next)) && (await getJob(next))!.status).toBe('SUCCEEDED');
  } finally {
    await api.close();
  }
});

test('a summary that fails past its retries: the job ends FAILED with every page it committed counted', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const ids = await seedStudents(world.school, 250);
  const before = await getStudents(world.school, ids);
  const { calls, settle } = countedSettle();
  const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: { Summarize: async () => crash(), SettleJob: settle } });
  const api = await startApi({ jobs: runner });
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    await runner.wait(jobId);
    expect(await getJob(jobId)).toMatchObject({ status: 'FAILED', total: 250, processed: 250, effects: 250, failed: 0 });
    expect(calls.map((c) => c.status)).toEqual(['FAILED', undefined]);
    expect((await interruptions(api, world, jobId)).map((e) => e.details)).toEqual([
      { jobId, type: 'reset-codes', status: 'FAILED', processed: 250, failed: 0, effects: 250, cause: 'Error' },
    ]);
    // The work that was done stays done (and audited per page); only the summary is missing.
    const after = await getStudents(world.school, ids);
    for (const id of ids) expect(after.get(id)!.codeHash).not.toBe(before.get(id)!.codeHash);
  } finally {
    await api.close();
  }
});

test('a cancelled job whose fan-out then fails ends CANCELLED, not CANCELLING for ever', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  await seedStudents(world.school, 120);
  // The runner is made before the API that uses it; the plan reaches the API through this.
  const late: { api?: Api } = {};
  const { settle } = countedSettle();
  const runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      // Staff cancel as the plan finishes; then every page and every abandon fails, so the
      // segments' child executions fail, and so does the map.
      Plan: async (event: { input: ExecutionInput; executionName: string }) => {
        const planned = await planJob(event);
        const cancel = await late.api!.request('POST', `/schools/${world.school.schoolId}/jobs/${event.executionName}/cancel`, { token: world.adminToken });
        expect(cancel.status).toBe(200);
        return planned;
      },
      ProcessPage: async () => crash(),
      AbandonSegment: async () => crash(),
      SettleJob: settle,
    },
  });
  const api = (late.api = await startApi({ jobs: runner }));
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    expect(await failureOf((await runner.wait(jobId)).result)).toBe('JobInterrupted');
    expect(await getJob(jobId)).toMatchObject({ status: 'CANCELLED', processed: 0 });
    expect((await interruptions(api, world, jobId)).map((e) => e.details.status)).toEqual(['CANCELLED']);
  } finally {
    await api.close();
  }
});

test('when settling fails inside the execution too, the rule’s report settles the job', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  await seedStudents(world.school, 10);
  // The catch's five attempts fail; the sixth call is the rule's.
  const { calls, settle } = countedSettle(5);
  const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: { Plan: async () => crash(), SettleJob: settle } });
  const api = await startApi({ jobs: runner });
  try {
    const jobId = await start(api, world, { type: 'clear-links' });
    await runner.wait(jobId);
    expect(calls.map((c) => c.event.error)).toEqual(['Error', 'Error', 'Error', 'Error', 'Error', 'FAILED']);
    expect(await getJob(jobId)).toMatchObject({ status: 'FAILED' });
    expect((await interruptions(api, world, jobId)).map((e) => e.details.cause)).toEqual(['FAILED']);
  } finally {
    await api.close();
  }
});

test('a schedule’s execution for a school that is gone fails before it registers a job: settling finds nothing to record', async () => {
  const { calls, settle } = countedSettle();
  const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: { SettleJob: settle } });
  const jobId = uniqueId('scheduled');
  await runner.start(jobId, { type: 'reset-codes', schoolId: uniqueId('no-such-school'), actor: { type: 'scheduler', id: 'schedule-1' } });
  expect(await failureOf((await runner.wait(jobId)).result)).toBe('JobInterrupted');
  expect(calls.map((c) => c.status)).toEqual([undefined, undefined]);
  expect(await getJob(jobId)).toBeUndefined();
});

test('a job that ended normally is not touched by a late report', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  await seedStudents(world.school, 20);
  const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: { Plan: planJob, ProcessPage: processPage, Summarize: summarizeJob } });
  const api = await startApi({ jobs: runner });
  try {
    const jobId = await start(api, world, { type: 'reset-codes' });
    await runner.wait(jobId);
    expect(await settleInterruptedJob({ executionName: jobId, error: 'ABORTED' })).toEqual({ jobId });
    expect(await getJob(jobId)).toMatchObject({ status: 'SUCCEEDED', processed: 20 });
    expect(await interruptions(api, world, jobId)).toEqual([]);
  } finally {
    await api.close();
  }
});

test('job writes that meet a transaction conflict are sent again: a cancel is not refused, a finish not taken as done, an abandoned segment not lost', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const jobId = uniqueId('job');
  const actor = { type: 'staff' as const, id: 'admin' };
  const at = new Date().toISOString();
  // Every transaction on the job item is cancelled once by a conflict, as a concurrent page,
  // cancel or summary would: a fault DynamoDB Local cannot be made to produce on cue.
  const conflicted = new Set<string>();
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const items = (args.input as { TransactItems?: Record<string, { TableName: string; Key?: { pk: string; sk: string }; Item?: { pk: string; sk: string } }>[] }).TransactItems;
      const writes = items?.map((item) => Object.values(item)[0]!);
      const onJob = writes?.some((w) => w.TableName === table('jobs') && (w.Key ?? w.Item)!.pk.includes(jobId));
      if (context.commandName === 'TransactWriteItemsCommand' && onJob && !conflicted.has(JSON.stringify(writes![0]))) {
        conflicted.add(JSON.stringify(writes![0]));
        throw new TransactionCanceledException({ message: 'Transaction cancelled (injected)', $metadata: {}, CancellationReasons: writes!.map((_, i) => ({ Code: i === 0 ? 'TransactionConflict' : 'None' })) });
      }
      return next(args);
    },
    { step: 'initialize', name: 'conflictOnce' },
  );
  try {
    const job = {
      jobId, type: 'reset-codes' as const, schoolId: world.school.schoolId, districtId: world.districtId, dryRun: false, status: 'RUNNING' as const,
      actor, createdAt: at, toleratedFailurePercent: 0, processed: 0, failed: 0, effects: 0, abandonedSegments: 0, pages: 0,
    };
    expect(await createJob(job, { districtId: world.school.districtId, schoolId: world.school.schoolId, action: 'job.started', actor, at })).toBe('created');
    await recordAbandonedSegment(jobId, 3);
    await recordAbandonedSegment(jobId, 3); // a retried abandon counts once
    expect(await requestCancel(jobId, { districtId: world.school.districtId, schoolId: world.school.schoolId, action: 'job.cancelled', actor, at })).toBe(true);
    const current = (await getJob(jobId))!;
    expect(current).toMatchObject({ status: 'CANCELLING', abandonedSegments: 1 });
    expect(await finishJob(current, 'CANCELLED', { districtId: world.school.districtId, schoolId: world.school.schoolId, action: 'job.finished', actor, at })).toBe(true);
    expect(await getJob(jobId)).toMatchObject({ status: 'CANCELLED' });
    // Conditions still decide: a second finish or cancel finds the job ended.
    expect(await finishJob(current, 'FAILED', { districtId: world.school.districtId, schoolId: world.school.schoolId, action: 'job.finished', actor, at })).toBe(false);
    expect(await requestCancel(jobId, { districtId: world.school.districtId, schoolId: world.school.schoolId, action: 'job.cancelled', actor, at })).toBe(false);
    expect(conflicted.size).toBeGreaterThanOrEqual(4);
  } finally {
    dynamo.middlewareStack.remove('conflictOnce');
  }
});
