import { taskHandler } from '../../shared/jobs/task-handler';
import { planJob } from '../../shared/jobs/engine';

export const handler = taskHandler(planJob);
