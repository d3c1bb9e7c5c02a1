import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JobType } from '../jobs/registry';
import { dynamo, table, transact } from './client';
import { auditPut, AuditEvent } from './audit';
import { keys, type SchoolRef } from './keys';

export interface JobSchedule {
  districtId: string;
  schoolId: string;
  name: string;
  type: JobType;
  /** EventBridge Scheduler expression, e.g. `cron(0 5 1 9 ? *)` (05:00 on 1 September). */
  expression: string;
  timezone: string;
  updatedAt: string;
}

/** Creates or replaces a schedule, with its audit event, in one transaction. */
export async function putSchedule(schedule: JobSchedule, audit: AuditEvent): Promise<void> {
  const cancelled = await transact({
    schedule: { Put: { TableName: table('schedules'), Item: { ...keys.schedule(schedule, schedule.name), ...schedule } } },
    audit: auditPut(audit),
  });
  if (cancelled) throw new Error(`Schedule write cancelled: ${cancelled.codes}`);
}

export async function getSchedule(school: SchoolRef, name: string): Promise<JobSchedule | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('schedules'), Key: keys.schedule(school, name), ConsistentRead: true }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...schedule } = Item;
  return schedule as JobSchedule;
}

export async function listSchedules(school: SchoolRef): Promise<JobSchedule[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({ TableName: table('schedules'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.schedulesOf(school) } }),
  );
  return (Items ?? []).map(({ pk: _pk, sk: _sk, ...s }) => s as JobSchedule);
}

/** Deletes a schedule with its audit event; false (nothing written) when there was none. */
export async function deleteSchedule(school: SchoolRef, name: string, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transact({
    schedule: { Delete: { TableName: table('schedules'), Key: keys.schedule(school, name), ConditionExpression: 'attribute_exists(pk)' } },
    audit: auditPut(audit),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('schedule')) return false;
  throw new Error(`Schedule delete cancelled: ${cancelled.codes}`);
}
