import '../../support/isolated-tables';
import { createJob, getJob, requestCancel } from '../../../shared/data/jobs';
import { settleInterruptedJobs } from '../../../infra/local/recover-jobs';
import { givenSchool, uniqueId } from '../../support/world';

// Finding: "after npm start restarts, a job that was running stays RUNNING forever and its cancel
// stays CANCELLING forever".
// Own tables: settling scans the whole jobs table.
test('after a local restart, a job that was running stays RUNNING forever: it ends FAILED (or CANCELLED) with its counts', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 0 });
  const base = {
    type: 'reset-codes' as const, schoolId: world.school.schoolId, districtId: world.districtId, dryRun: false, status: 'RUNNING' as const,
    actor: { type: 'staff' as const, id: 'admin' }, createdAt: new Date().toISOString(), toleratedFailurePercent: 0,
    total: 500, processed: 200, failed: 1, effects: 199, abandonedSegments: 0, pages: 2,
  };
  const audit = { districtId: world.school.districtId, schoolId: world.school.schoolId, action: 'job.started', actor: base.actor, at: base.createdAt };
  const running = uniqueId('job');
  const cancelling = uniqueId('job');
  await createJob({ ...base, jobId: running }, audit);
  await createJob({ ...base, jobId: cancelling }, audit);
  await requestCancel(cancelling, { ...audit, action: 'job.cancel-requested' });

  const settled = await settleInterruptedJobs();
  expect(settled).toEqual(expect.arrayContaining([{ jobId: running, status: 'FAILED' }, { jobId: cancelling, status: 'CANCELLED' }]));
  expect(await getJob(running)).toMatchObject({ status: 'FAILED', processed: 200, failed: 1, effects: 199, finishedAt: expect.any(String) });
  expect(await getJob(cancelling)).toMatchObject({ status: 'CANCELLED', processed: 200 });
  // Settling twice changes nothing.
  expect((await settleInterruptedJobs()).map((j) => j.jobId)).not.toContain(running);
});
