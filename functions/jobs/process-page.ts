import { taskHandler } from '../../shared/jobs/task-handler';
import { processPage } from '../../shared/jobs/engine';

/** Every job type's page worker: the same code, deployed once per type with that type's rights. */
export const handler = taskHandler(processPage);
