import { taskHandler } from '../../shared/jobs/task-handler';
import { abandonSegment } from '../../shared/jobs/engine';

export const handler = taskHandler(abandonSegment);
