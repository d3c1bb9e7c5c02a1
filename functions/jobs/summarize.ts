import { taskHandler } from '../../shared/jobs/task-handler';
import { summarizeJob } from '../../shared/jobs/engine';

export const handler = taskHandler(summarizeJob);
