import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, QueryCommand, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/principal';
import { dynamo, table, TransactItem } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys } from './keys';

/** What happened, by whom, to what. Never a code, a password or a token. */
export interface AuditEvent {
  /** The school whose trail records it; district-level events (a parent's own account) name the district instead. */
  schoolId?: string;
  districtId?: string;
  action: string;
  actor: Actor;
  at: string;
  studentId?: string;
  parentId?: string;
  reason?: string;
  /** Small, non-secret facts such as counts or a job id. */
  details?: Record<string, string | number | boolean>;
}

export interface StoredAuditEvent extends AuditEvent {
  eventId: string;
}

/** The audit write that joins the transaction of the change it records. */
export function auditPut(event: AuditEvent): TransactItem {
  const eventId = randomUUID();
  return {
    Put: {
      TableName: table('audit'),
      Item: {
        pk: event.schoolId ? keys.auditPartition(event.schoolId) : keys.districtAuditPartition(event.districtId!),
        sk: `${event.at}#${eventId}`,
        eventId,
        ...event,
        actorId: event.actor.id,
      },
    },
  };
}

/** Audit events for reads worth recording (a user-name look-up), which have no transaction to join. */
export async function writeAuditEvents(events: AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 25) {
    let items: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [table('audit')]: events.slice(i, i + 25).map((event) => ({ PutRequest: { Item: auditPut(event).Put!.Item! } })),
    };
    while (items && Object.keys(items).length) {
      const result = await dynamo.send(new BatchWriteCommand({ RequestItems: items }));
      items = result.UnprocessedItems as typeof items;
    }
  }
}

export interface AuditFilter {
  studentId?: string;
  parentId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Newest first. Filters other than time run server-side as a filter expression. */
export async function queryAudit(
  schoolId: string,
  filter: AuditFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: StoredAuditEvent[]; nextCursor?: string }> {
  const pk = keys.auditPartition(schoolId);
  const values: Record<string, unknown> = { ':pk': pk };
  let keyCondition = 'pk = :pk';
  if (filter.from || filter.to) {
    values[':from'] = filter.from ?? '0000';
    // '~' sorts after every character of an ISO timestamp and of the uuid suffix.
    values[':to'] = `${filter.to ?? '9999'}~`;
    keyCondition += ' AND sk BETWEEN :from AND :to';
  }
  const filters: string[] = [];
  for (const name of ['studentId', 'parentId', 'actorId', 'action'] as const) {
    const value = filter[name];
    if (value !== undefined) {
      filters.push(`#${name} = :${name}`);
      values[`:${name}`] = value;
    }
  }
  const input: QueryCommandInput = {
    TableName: table('audit'),
    KeyConditionExpression: keyCondition,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
  };
  if (filters.length) {
    input.FilterExpression = filters.join(' AND ');
    input.ExpressionAttributeNames = Object.fromEntries(
      filters.map((f) => f.split(' ')[0]!).map((n) => [n, n.slice(1)]),
    );
  }
  // A filter can leave a page short; keep reading until the page is full or the partition ends.
  const items: StoredAuditEvent[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const result = await dynamo.send(new QueryCommand({ ...input, Limit: page.limit - items.length }));
    for (const item of result.Items ?? []) items.push(toEvent(item));
    lastKey = result.LastEvaluatedKey;
    input.ExclusiveStartKey = lastKey;
  } while (lastKey && items.length < page.limit);
  return { items, nextCursor: encodeCursor(lastKey) };
}

function toEvent(item: Record<string, unknown>): StoredAuditEvent {
  const { pk: _pk, sk: _sk, actorId: _actorId, ...event } = item;
  return event as unknown as StoredAuditEvent;
}
