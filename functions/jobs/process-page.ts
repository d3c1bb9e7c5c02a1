import { taskHandler } from '../../shared/jobs/task-handler';
import { processPage } from '../../shared/use-cases/jobs';

export const handler = taskHandler(processPage);
