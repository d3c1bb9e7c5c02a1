import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { NotFoundError } from '../../shared/domain/errors';
import { actorOf } from '../../shared/domain/principal';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { deleteSchedule } from '../../shared/data/schedules';
import { removeSchedule } from '../../shared/jobs/scheduler';

export const handler = apiHandler({
  params: z.object({ schoolId: id, name: id }),
  async run({ principal, params }) {
    await authorizeSchoolAction(principal, 'jobs:run', params.schoolId);
    await removeSchedule(params);
    const audit = { schoolId: params.schoolId, action: 'schedule.deleted', actor: actorOf(principal), at: new Date().toISOString(), details: { name: params.name } };
    if (!(await deleteSchedule(params.schoolId, params.name, audit))) throw new NotFoundError('Schedule');
    return { deleted: true };
  },
});
