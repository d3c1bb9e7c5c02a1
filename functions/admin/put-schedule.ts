import { z } from 'zod';
import { apiHandler } from '../../shared/http/handler';
import { id } from '../../shared/http/schemas';
import { actorOf, assertStaffMay } from '../../shared/domain/principal';
import { JOB_PERMISSION } from '../../shared/domain/jobs';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { putSchedule } from '../../shared/data/schedules';
import { syncSchedule } from '../../shared/jobs/scheduler';

/** Create or change a school's schedule, e.g. Reset All at 05:00 on 1 September: `cron(0 5 1 9 ? *)`. */
export const handler = apiHandler({
  params: z.object({ schoolId: id, name: id }),
  body: z.strictObject({
    // Scheduled jobs run without a person to hand random passwords to, so passwords are not schedulable.
    type: z.enum(['reset-codes', 'clear-links']),
    expression: z.string().regex(/^(cron\([^()]{9,100}\)|rate\(\d{1,4} (minute|minutes|hour|hours|day|days)\)|at\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\))$/, 'must be cron(...), rate(...) or at(...)'),
    timezone: z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/).default('UTC'),
  }),
  async run({ principal, params, body }) {
    assertStaffMay(principal, JOB_PERMISSION[body.type], params.schoolId);
    const { school } = await authorizeSchoolAction(principal, 'jobs:run', params.schoolId);
    const schedule = { schoolId: params.schoolId, name: params.name, ...body, updatedAt: new Date().toISOString() };
    await syncSchedule(schedule, school.districtId);
    await putSchedule(schedule, {
      schoolId: school.schoolId, action: 'schedule.saved', actor: actorOf(principal), at: schedule.updatedAt,
      details: { name: schedule.name, type: schedule.type, expression: schedule.expression, timezone: schedule.timezone },
    });
    return schedule;
  },
});
