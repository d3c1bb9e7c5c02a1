import { taskHandler } from '../../shared/jobs/task-handler';
import { processPage } from '../../shared/jobs/engine';

export const handler = taskHandler(processPage);
