import type { JobSchedule } from '../data/schedules';

/**
 * What runs a school's schedules: EventBridge Scheduler in AWS, which starts the bulk-job state
 * machine itself with the scheduler as the actor. Locally there is no scheduler: schedules are
 * stored and listed, and `npm run job` starts the same job by hand.
 */
export interface JobScheduler {
  /** `schedulerName`: the schedule's name in the scheduler, unique per school schedule (shared/domain/schedule-names.ts). */
  save(schedule: JobSchedule & { schedulerName: string }, districtId: string): Promise<void>;
  /** Removing a schedule the scheduler does not know is not an error. */
  remove(schedule: { schedulerName: string }): Promise<void>;
}
