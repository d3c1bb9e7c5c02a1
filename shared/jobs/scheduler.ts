import { config } from '../config';
import type { JobSchedule } from '../data/schedules';

/**
 * Mirrors a school's schedule to EventBridge Scheduler, which then starts the bulk-job state
 * machine itself, with the scheduler as the actor. Locally there is no scheduler: schedules are
 * stored and listed, and `npm run job` starts the same job by hand.
 */
export async function syncSchedule(schedule: JobSchedule, districtId: string): Promise<void> {
  if (!config.SCHEDULER_ROLE_ARN || !config.STATE_MACHINE_ARN) return;
  const { SchedulerClient, CreateScheduleCommand, UpdateScheduleCommand, ConflictException } = await import('@aws-sdk/client-scheduler');
  const client = new SchedulerClient({ region: config.AWS_REGION });
  const input = {
    Name: scheduleName(schedule),
    GroupName: config.SCHEDULE_GROUP,
    ScheduleExpression: schedule.expression,
    ScheduleExpressionTimezone: schedule.timezone,
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    Target: {
      Arn: config.STATE_MACHINE_ARN,
      RoleArn: config.SCHEDULER_ROLE_ARN,
      Input: JSON.stringify({ type: schedule.type, schoolId: schedule.schoolId, districtId, actor: { type: 'scheduler', id: schedule.name } }),
    },
  };
  try {
    await client.send(new CreateScheduleCommand(input));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
    await client.send(new UpdateScheduleCommand(input));
  }
}

export async function removeSchedule(schedule: { schoolId: string; name: string }): Promise<void> {
  if (!config.SCHEDULER_ROLE_ARN) return;
  const { SchedulerClient, DeleteScheduleCommand, ResourceNotFoundException } = await import('@aws-sdk/client-scheduler');
  await new SchedulerClient({ region: config.AWS_REGION })
    .send(new DeleteScheduleCommand({ Name: scheduleName(schedule), GroupName: config.SCHEDULE_GROUP }))
    .catch((error) => {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    });
}

/** Scheduler names are at most 64 characters: school ids are, so prefix sparingly. */
function scheduleName(schedule: { schoolId: string; name: string }): string {
  return `${schedule.schoolId}.${schedule.name}`.slice(0, 64);
}
