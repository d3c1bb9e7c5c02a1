import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { config } from '../config';
import type { JobScheduler } from '../ports/job-scheduler';

/** One client per Lambda instance, made at cold start like every SDK client of ours. */
const client = new SchedulerClient({ region: config.AWS_REGION });

/** EventBridge Scheduler: each school schedule becomes one schedule whose target is the job state machine. */
export function eventBridgeScheduler(target: { group: string; roleArn: string; stateMachineArn: string }): JobScheduler {
  return {
    async save(schedule, districtId) {
      const input = {
        Name: schedule.schedulerName,
        GroupName: target.group,
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: schedule.timezone,
        FlexibleTimeWindow: { Mode: 'OFF' as const },
        Target: {
          Arn: target.stateMachineArn,
          RoleArn: target.roleArn,
          Input: JSON.stringify({ type: schedule.type, schoolId: schedule.schoolId, districtId, actor: { type: 'scheduler', id: schedule.name } }),
        },
      };
      try {
        await client.send(new CreateScheduleCommand(input));
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        await client.send(new UpdateScheduleCommand(input));
      }
    },
    async remove(schedule) {
      await client.send(new DeleteScheduleCommand({ Name: schedule.schedulerName, GroupName: target.group })).catch((error) => {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      });
    },
  };
}

