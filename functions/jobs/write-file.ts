import { taskHandler } from '../../shared/jobs/task-handler';
import { writeJobFile } from '../../shared/jobs/engine';

export const handler = taskHandler(writeJobFile);
