import { unfinishedJobs } from '../../shared/data/jobs';
import { settleInterruptedJob } from '../../shared/jobs/engine';

/**
 * After `npm start` restarts, no execution of the previous run is alive: the local interpreter ran
 * in that process. A job it left RUNNING ends FAILED and one left CANCELLING ends CANCELLED, each
 * with the counts its committed pages recorded, and the trail says why. (In AWS, Step Functions
 * executions outlive any one process; a stopped or failed one is settled the same way by the
 * state machine's catch and an EventBridge rule.)
 */
export async function settleInterruptedJobs(now = new Date()): Promise<{ jobId: string; status: string }[]> {
  const settled = [];
  for (const unfinished of await unfinishedJobs()) {
    const { status } = await settleInterruptedJob({ executionName: unfinished.jobId, error: 'local-restart' }, now);
    if (status) settled.push({ jobId: unfinished.jobId, status });
  }
  return settled;
}
