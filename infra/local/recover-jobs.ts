import { finishJob, getJob, unfinishedJobs } from '../../shared/data/jobs';

/**
 * After `npm start` restarts, no execution of the previous run is alive: the local interpreter ran
 * in that process. A job it left RUNNING ends FAILED and one left CANCELLING ends CANCELLED, each
 * with the counts its committed pages recorded, and the trail says why. (In AWS, Step Functions
 * executions outlive any one process, so this applies to the local runtime only.)
 */
export async function settleInterruptedJobs(now = new Date()): Promise<{ jobId: string; status: string }[]> {
  const settled = [];
  for (const unfinished of await unfinishedJobs()) {
    // With the counts its segments committed.
    const job = (await getJob(unfinished.jobId))!;
    const status = job.status === 'CANCELLING' ? 'CANCELLED' : 'FAILED';
    const done = await finishJob(job, status, {
      schoolId: job.schoolId,
      action: 'job.interrupted',
      actor: { type: 'system', id: 'local-restart' },
      at: now.toISOString(),
      details: { jobId: job.jobId, status, processed: job.processed, failed: job.failed },
    });
    if (done) settled.push({ jobId: job.jobId, status });
  }
  return settled;
}
