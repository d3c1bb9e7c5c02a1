import { NotFoundError } from '../domain/errors';
import { assertStaffMay, Actor, StaffPrincipal } from '../domain/principal';
import { jobType } from '../jobs/registry';
import type { School } from '../data/schools';
import * as schedules from '../data/schedules';
import { jobScheduler } from '../adapters';

/** Create or change a school's schedule; a schedule of a job type needs that type's permission. */
export async function saveSchedule(
  school: School,
  staff: StaffPrincipal,
  request: { name: string; type: schedules.JobSchedule['type']; expression: string; timezone: string },
  actor: Actor,
) {
  assertStaffMay(staff, jobType(request.type).permission, school.schoolId);
  const schedule = { schoolId: school.schoolId, ...request, updatedAt: new Date().toISOString() };
  await (await jobScheduler()).save(schedule, school.districtId);
  await schedules.putSchedule(schedule, {
    schoolId: school.schoolId, action: 'schedule.saved', actor, at: schedule.updatedAt,
    details: { name: schedule.name, type: schedule.type, expression: schedule.expression, timezone: schedule.timezone },
  });
  return schedule;
}

export async function schedulesOfSchool(school: School) {
  return { items: await schedules.listSchedules(school.schoolId) };
}

export async function deleteSchedule(school: School, name: string, actor: Actor) {
  await (await jobScheduler()).remove({ schoolId: school.schoolId, name });
  const audit = { schoolId: school.schoolId, action: 'schedule.deleted', actor, at: new Date().toISOString(), details: { name } };
  if (!(await schedules.deleteSchedule(school.schoolId, name, audit))) throw new NotFoundError('Schedule');
  return { deleted: true as const };
}
