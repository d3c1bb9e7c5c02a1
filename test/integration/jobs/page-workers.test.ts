import '../../support/isolated-tables';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { JOB_TASKS, pageStateOf } from '../../../infra/job-tasks';
import { localBindings } from '../../../shared/config';
import { getStudents } from '../../../shared/data/student-profiles';
import { getJob } from '../../../shared/data/jobs';
import { processPage, type PageState } from '../../../shared/jobs/engine';
import type { JobType } from '../../../shared/jobs/registry';
import { givenSchool, startApi } from '../../support/world';
import { seedStudents } from '../../support/seed';

// Each job type's pages run in their own function, with that type's rights only (infra/job-tasks.ts).
// Here a reset's pages are handed to the Clear All worker: refused, in AWS by the worker itself
// (PAGE_JOB_TYPE) and, were that check gone, by IAM (it holds no right on the codes table), which
// the local runtime stands in for. Either way every page fails, the job ends FAILED, no code changes.

const workerOf = (type: JobType) => JOB_TASKS.find((task) => task.jobType === type)!;

async function resetOnTheWrongWorker(binding: { functionName: string; tables: (typeof JOB_TASKS)[number]['tables']; pageJobType?: string }) {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const ids = await seedStudents(world.school, 120);
  const refusals: string[] = [];
  const runner = createLocalJobRunner({
    retryPauseMs: 0,
    handlers: {
      ProcessPage: (input: PageState) =>
        localBindings.run(binding, () => processPage(input)).catch((error: Error) => {
          refusals.push(`${error.name}: ${error.message}`);
          throw error;
        }),
    },
  });
  const api = await startApi({ jobs: runner });
  try {
    const before = await getStudents(world.school, ids);
    const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'reset-codes' } });
    expect(started.status).toBe(202);
    await runner.wait(started.body.jobId);
    const after = await getStudents(world.school, ids);
    expect([...after].filter(([id, student]) => student.codeHash !== before.get(id)!.codeHash)).toEqual([]);
    expect(await getJob(started.body.jobId)).toMatchObject({ status: 'FAILED', processed: 0, effects: 0 });
    return refusals;
  } finally {
    await api.close();
  }
}

test('every job type has its own page worker, and the state machine names it by the type', () => {
  const workers = JOB_TASKS.filter((task) => task.jobType);
  expect(workers.map((task) => task.state)).toEqual(workers.map((task) => pageStateOf(task.jobType!)));
  // Clearing links holds no right on codes; only exports and letters may open them.
  expect(workerOf('clear-links').tables.codes).toBeUndefined();
  expect(workers.filter((task) => task.codeVault === 'open').map((task) => task.jobType)).toEqual(['export-codes', 'code-letters']);
});

test('a page of another type is refused by the worker before it reads anything', async () => {
  const worker = workerOf('clear-links');
  const refusals = await resetOnTheWrongWorker({ functionName: worker.state, tables: worker.tables, pageJobType: 'clear-links' });
  expect(refusals.length).toBeGreaterThan(0);
  expect(new Set(refusals)).toEqual(new Set(['Error: This page worker runs clear-links jobs, not reset-codes']));
});

test('without that check, the worker’s missing rights refuse the reset as IAM would', async () => {
  const worker = workerOf('clear-links');
  const refusals = await resetOnTheWrongWorker({ functionName: worker.state, tables: worker.tables });
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.every((r) => /not bound to the codes table|AccessDeniedException/.test(r))).toBe(true);
});
