import type { JobScheduler } from '../ports/job-scheduler';

/**
 * Locally there is no scheduler: schedules are stored and listed, and `npm run job` starts the
 * same job by hand. Also what a deployment without a schedule group gets. A name EventBridge
 * Scheduler would refuse (1-64 of `[0-9a-zA-Z-_.]`) is refused here too, so it fails locally.
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
 */
const SCHEDULER_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;

function check(schedulerName: string): void {
  if (!SCHEDULER_NAME.test(schedulerName)) {
    throw Object.assign(new Error("Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 64"), { name: 'ValidationException' });
  }
}

export const storedOnlyScheduler: JobScheduler = {
  save: async (schedule) => check(schedule.schedulerName),
  remove: async (schedule) => check(schedule.schedulerName),
};
