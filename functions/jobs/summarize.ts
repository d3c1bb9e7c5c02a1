import { taskHandler } from '../../shared/jobs/task-handler';
import { summarizeJob } from '../../shared/use-cases/jobs';

export const handler = taskHandler(summarizeJob);
