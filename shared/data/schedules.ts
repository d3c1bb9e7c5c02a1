import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JobType } from '../domain/jobs';
import { dynamo, table } from './client';
import { keys } from './keys';

export interface JobSchedule {
  schoolId: string;
  name: string;
  type: JobType;
  /** EventBridge Scheduler expression, e.g. `cron(0 5 1 9 ? *)` (05:00 on 1 September). */
  expression: string;
  timezone: string;
  updatedAt: string;
}

export async function putSchedule(schedule: JobSchedule): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: table('schedules'), Item: { ...keys.schedule(schedule.schoolId, schedule.name), ...schedule } }));
}

export async function listSchedules(schoolId: string): Promise<JobSchedule[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({ TableName: table('schedules'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.schedulesOf(schoolId) } }),
  );
  return (Items ?? []).map(({ pk: _pk, sk: _sk, ...s }) => s as JobSchedule);
}

export async function deleteSchedule(schoolId: string, name: string): Promise<boolean> {
  const { Attributes } = await dynamo.send(
    new DeleteCommand({ TableName: table('schedules'), Key: keys.schedule(schoolId, name), ReturnValues: 'ALL_OLD' }),
  );
  return Boolean(Attributes);
}
