import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { NotFoundError } from '../../shared/domain/errors';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { deleteSchedule } from '../../shared/data/schedules';
import { removeSchedule } from '../../shared/jobs/scheduler';

export const handler = apiHandler({
  params: z.object({ schoolId: id, name: id }),
  async run({ principal, params }) {
    await authorizeSchoolAction(principal, 'jobs:run', params.schoolId);
    await removeSchedule(params);
    if (!(await deleteSchedule(params.schoolId, params.name))) throw new NotFoundError('Schedule');
    return { deleted: true };
  },
});
