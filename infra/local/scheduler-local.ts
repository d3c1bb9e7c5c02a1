import type { JobScheduler } from '../../shared/ports/job-scheduler';
import type { JobSchedule } from '../../shared/data/schedules';
import { isSchedulerName } from '../../shared/domain/schedule-names';

export interface LocalScheduler extends JobScheduler {
  /** What the scheduler holds, by its own name: what EventBridge Scheduler would run. */
  schedules(): ReadonlyMap<string, JobSchedule>;
}

/**
 * EventBridge Scheduler's namespace, in memory: one schedule per name in the group, a save of a
 * name that exists replaces it (our adapter updates on ConflictException), a delete removes the
 * name, and a name AWS would refuse (over 64 characters, or outside `[0-9a-zA-Z-_.]`) is refused.
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
 */
export function createLocalScheduler(): LocalScheduler {
  const held = new Map<string, JobSchedule>();
  const nameOf = ({ schedulerName }: { schedulerName: string }) => {
    if (!isSchedulerName(schedulerName)) {
      throw Object.assign(new Error("Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 64"), { name: 'ValidationException' });
    }
    return schedulerName;
  };
  return {
    async save(schedule) {
      held.set(nameOf(schedule), schedule);
    },
    async remove(schedule) {
      held.delete(nameOf(schedule));
    },
    schedules: () => held,
  };
}
