import { taskHandler } from '../../shared/jobs/task-handler';
import { abandonSegment } from '../../shared/use-cases/jobs';

export const handler = taskHandler(abandonSegment);
