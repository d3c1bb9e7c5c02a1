import { randomUUID } from 'node:crypto';
import { paginateQuery, PutCommand, PutCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../concurrency';
import type { Actor } from '../domain/principal';
import { dynamo, table, TransactItem } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { keys, type SchoolRef } from './keys';

/** What happened, by whom, to what. Never a code, a password or a token. */
export interface AuditEvent {
  /** The district, and the school whose trail records it; district-level events (a parent's own account) name no school. */
  districtId: string;
  schoolId?: string;
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

/**
 * The audit write that joins the transaction of the change it records. The trail is append-only:
 * writers hold `dynamodb:PutItem` on the audit table and nothing else, and every put is
 * conditional on a fresh key, so even a put can never overwrite an event.
 */
export function auditPut(event: AuditEvent): TransactItem {
  const eventId = randomUUID();
  const pk = event.schoolId ? keys.auditPartition({ districtId: event.districtId, schoolId: event.schoolId }) : keys.districtAuditPartition(event.districtId);
  return {
    Put: {
      TableName: table('audit'),
      Item: {
        pk,
        sk: `${event.at}#${eventId}`,
        eventId,
        ...event,
        actorId: event.actor.id,
        // The per-student and per-parent indexes, within this trail.
        ...(event.studentId ? { studentKey: `${pk}#${event.studentId}` } : {}),
        ...(event.parentId ? { parentKey: `${pk}#${event.parentId}` } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Audit events with no transaction to join (a look-up, a sign-in attempt). One PutItem each,
 * not BatchWriteItem: that permission would also allow deletes.
 */
export async function writeAuditEvents(events: AuditEvent[]): Promise<void> {
  await mapWithConcurrency(events, 8, async (event) => {
    await dynamo.send(new PutCommand(auditPut(event).Put as PutCommandInput));
  });
}

export interface AuditFilter {
  studentId?: string;
  parentId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/**
 * Bounds on one audit request's work, whatever the filter: DynamoDB reads at most
 * `AUDIT_PAGE_ITEMS` items per round trip and we make at most `AUDIT_MAX_ROUND_TRIPS` of them.
 * A filter that matches rarely may then answer a short page with a `nextCursor` to go on from.
 */
export const AUDIT_PAGE_ITEMS = 500;
export const AUDIT_MAX_ROUND_TRIPS = 4;

/** A school's trail, or (`district`) the district-level trail of account events. */
export type AuditTrail = SchoolRef | { districtId: string };

/** Newest first. Filters other than time run server-side as a filter expression. */
export async function queryAudit(
  trail: AuditTrail,
  filter: AuditFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: StoredAuditEvent[]; nextCursor?: string }> {
  const pk = 'schoolId' in trail ? keys.auditPartition(trail) : keys.districtAuditPartition(trail.districtId);
  // A student or parent named: their own index within this trail, so only their events are read.
  const via = filter.studentId !== undefined
    ? { index: 'byStudent', attribute: 'studentKey', value: `${pk}#${filter.studentId}`, used: 'studentId' as const }
    : filter.parentId !== undefined
      ? { index: 'byParent', attribute: 'parentKey', value: `${pk}#${filter.parentId}`, used: 'parentId' as const }
      : undefined;
  const partition = via ? { name: via.attribute, value: via.value } : { name: 'pk', value: pk };
  const values: Record<string, unknown> = { ':pk': partition.value };
  let keyCondition = `${partition.name} = :pk`;
  if (filter.from || filter.to) {
    values[':from'] = filter.from ?? '0000';
    // '~' sorts after every character of an ISO timestamp and of the uuid suffix.
    values[':to'] = `${filter.to ?? '9999'}~`;
    keyCondition += ' AND sk BETWEEN :from AND :to';
  }
  const filters: string[] = [];
  for (const name of ['studentId', 'parentId', 'actorId', 'action'] as const) {
    const value = filter[name];
    if (value !== undefined && name !== via?.used) {
      filters.push(`#${name} = :${name}`);
      values[`:${name}`] = value;
    }
  }
  const input: QueryCommandInput = {
    TableName: table('audit'),
    KeyConditionExpression: keyCondition,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    // Unfiltered, a page is exactly what was asked for; filtered, read widely per round trip.
    Limit: filters.length ? AUDIT_PAGE_ITEMS : page.limit,
    ...(via ? { IndexName: via.index } : {}),
    // A cursor from another trail (or another student's index) is refused, not followed.
    ExclusiveStartKey: decodeCursor(page.cursor, via ? { pk, [via.attribute]: via.value } : { pk }),
  };
  if (filters.length) {
    input.FilterExpression = filters.join(' AND ');
    input.ExpressionAttributeNames = Object.fromEntries(filters.map((f) => f.split(' ')[0]!).map((n) => [n, n.slice(1)]));
  }
  const items: StoredAuditEvent[] = [];
  let lastKey: Record<string, unknown> | undefined;
  let trips = 0;
  for await (const result of paginateQuery({ client: dynamo }, input)) {
    for (const item of result.Items ?? []) {
      if (items.length === page.limit) {
        // More matched than asked for: continue right after the last one returned.
        const last = items[items.length - 1]!;
        return { items, nextCursor: encodeCursor({ pk, sk: `${last.at}#${last.eventId}`, ...(via ? { [via.attribute]: via.value } : {}) }) };
      }
      items.push(toEvent(item));
    }
    lastKey = result.LastEvaluatedKey;
    if (items.length === page.limit || ++trips === AUDIT_MAX_ROUND_TRIPS) break;
  }
  return { items, nextCursor: encodeCursor(lastKey) };
}
function toEvent(item: Record<string, unknown>): StoredAuditEvent {
  const { pk: _pk, sk: _sk, actorId: _actorId, studentKey: _studentKey, parentKey: _parentKey, ...event } = item;
  return event as unknown as StoredAuditEvent;
}
