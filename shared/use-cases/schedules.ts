import { NotFoundError } from '../domain/errors';
import { schedulerScheduleName } from '../domain/schedule-names';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { assertMayRunJobType } from './school-jobs';
import type { School } from '../data/schools';
import * as schedules from '../data/schedules';
import { schoolRef } from '../data/keys';
import { jobScheduler } from '../adapters';

/**
 * Create or change a school's schedule. It needs the permission of the job type it will start
 * and, when it replaces a schedule, that of the type the old one started (403 otherwise): a
 * schedule is a job started later, and replacing one stops the old job from ever starting.
 */
export async function saveSchedule(
  school: School,
  staff: StaffPrincipal,
  request: { name: string; type: schedules.JobSchedule['type']; expression: string; timezone: string },
  actor: Actor,
) {
  assertMayRunJobType(staff, request.type, 'schedule {job} jobs');
  const replaced = await schedules.getSchedule(school, request.name);
  if (replaced) assertMayRunJobType(staff, replaced.type, 'replace this schedule of {job} jobs');
  const schedule = { ...schoolRef(school), ...request, updatedAt: new Date().toISOString() };
  await (await jobScheduler()).save({ ...schedule, schedulerName: schedulerScheduleName(school, schedule.name) }, school.districtId);
  await schedules.putSchedule(schedule, {
    ...schoolRef(school), action: 'schedule.saved', actor, at: schedule.updatedAt,
    details: { name: schedule.name, type: schedule.type, expression: schedule.expression, timezone: schedule.timezone },
  });
  return schedule;
}

export async function schedulesOfSchool(school: School) {
  return { items: await schedules.listSchedules(school) };
}

/** Deleting a schedule needs the permission of the job type it starts (403), besides jobs:run. */
export async function deleteSchedule(school: School, staff: StaffPrincipal, name: string, actor: Actor) {
  const existing = await schedules.getSchedule(school, name);
  if (!existing) throw new NotFoundError('Schedule');
  assertMayRunJobType(staff, existing.type, 'delete this schedule of {job} jobs');
  await (await jobScheduler()).remove({ schedulerName: schedulerScheduleName(school, name) });
  const audit = { ...schoolRef(school), action: 'schedule.deleted', actor, at: new Date().toISOString(), details: { name } };
  if (!(await schedules.deleteSchedule(school, name, audit))) throw new NotFoundError('Schedule');
  return { deleted: true as const };
}
