import { taskHandler } from '../../shared/jobs/task-handler';
import { planJob } from '../../shared/use-cases/jobs';

export const handler = taskHandler(planJob);
