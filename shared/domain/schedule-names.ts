import { createHash } from 'node:crypto';

/**
 * EventBridge Scheduler names: 1-64 characters of `[0-9a-zA-Z-_.]`, unique within a schedule
 * group; creating a name that exists conflicts, and our adapter then updates it (replaces it).
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (Name)
 */
export const SCHEDULER_NAME_MAX = 64;
const SCHEDULER_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;

/** Hex digits of the hash: 96 bits, so no one can find a name that maps onto another school's. */
const HASH_CHARS = 24;

/**
 * The scheduler's name for a school's schedule: `<districtId>.<schoolId>.<name>` when that fits
 * in 64 characters (one schedule group serves every district, and school ids are unique only
 * within one); otherwise its first 38 characters, `..` and a hash of the whole, so two long
 * names never share a scheduler schedule (saving one replaced the other, deleting one deleted
 * both, when the names were cut at 64). Ids and schedule names have no dot, so only a hashed
 * name holds `..`: the two forms cannot meet.
 */
export function schedulerScheduleName(school: { districtId: string; schoolId: string }, name: string): string {
  const full = `${school.districtId}.${school.schoolId}.${name}`;
  if (full.length <= SCHEDULER_NAME_MAX) return full;
  const digest = createHash('sha256').update(full).digest('hex').slice(0, HASH_CHARS);
  return `${full.slice(0, SCHEDULER_NAME_MAX - HASH_CHARS - 2)}..${digest}`;
}

/** Whether EventBridge Scheduler accepts the name (the local stand-in refuses what AWS would). */
export function isSchedulerName(name: string): boolean {
  return SCHEDULER_NAME.test(name);
}
