import { taskHandler } from '../../shared/jobs/task-handler';
import { settleInterruptedJob, type Interruption } from '../../shared/jobs/engine';

/** Called by the state machine's catch and by the EventBridge rule on stopped executions. */
export const handler = taskHandler((event: Interruption) => settleInterruptedJob(event));
