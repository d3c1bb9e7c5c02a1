import { randomUUID } from 'node:crypto';
import { BatchGetCommand, paginateQuery, PutCommand, PutCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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
  /**
   * One of the contract's AUDIT_ACTIONS (the trail's filter takes those only; test/unit/contract.test.ts
   * finds every action the code writes in that list). A string, not that union: events already
   * stored, and tests' filler events, carry codes outside it.
   */
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
/** First and last name, as a page of the trail shows a person. */
export type PersonNames = Map<string, string>;

/**
 * The names of the students and parents a page of the trail refers to (its events' `studentId`,
 * `parentId`, and parents who acted), read when the page is read: events keep ids only (they are
 * append-only, and a name changes). Round trips: one BatchGet of the students table and one of
 * the parents table per 100 distinct ids (a page holds at most 100 events, so one each unless
 * 100 parents acted on 100 others), names only (a projection: no code, no password hash),
 * eventually consistent; plus a retry for any key DynamoDB leaves unprocessed. None when the page
 * names nobody. A student is looked up in the event's school (district events name none); a
 * person not found (deleted) is absent from the maps, and the page shows their id.
 */
export async function namesOnPage(districtId: string, events: readonly AuditEvent[]): Promise<{ students: PersonNames; parents: PersonNames }> {
  const students = new Map<string, { key: Record<string, unknown>; id: string }>();
  const parents = new Map<string, Record<string, unknown>>();
  for (const event of events) {
    if (event.studentId && event.schoolId && SAFE_ID.test(event.studentId)) {
      students.set(`${event.schoolId}#${event.studentId}`, { key: keys.student({ districtId, schoolId: event.schoolId }, event.studentId), id: event.studentId });
    }
    for (const parentId of [event.parentId, event.actor.type === 'parent' ? event.actor.id : undefined]) {
      if (parentId && SAFE_ID.test(parentId)) parents.set(parentId, keys.parent(districtId, parentId));
    }
  }
  // Within one school's trail a student id is one student; a trail of several schools would need the school in the map's key.
  const [studentNames, parentNames] = await Promise.all([
    batchNames('students', [...students.values()].map((s) => s.key), 'studentId'),
    batchNames('parents', [...parents.values()], 'parentId'),
  ]);
  return { students: studentNames, parents: parentNames };
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

async function batchNames(tableName: 'students' | 'parents', itemKeys: Record<string, unknown>[], idAttribute: 'studentId' | 'parentId'): Promise<PersonNames> {
  const names: PersonNames = new Map();
  for (let start = 0; start < itemKeys.length; start += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression: string }> | undefined = {
      [table(tableName)]: { Keys: itemKeys.slice(start, start + 100), ProjectionExpression: `${idAttribute}, firstName, lastName` },
    };
    while (request && Object.keys(request).length) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table(tableName)] ?? []) {
        const name = [item.firstName, item.lastName].filter((part) => typeof part === 'string' && part.length > 0).join(' ');
        if (name) names.set(item[idAttribute] as string, name);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return names;
}

function toEvent(item: Record<string, unknown>): StoredAuditEvent {
  const { pk: _pk, sk: _sk, actorId: _actorId, studentKey: _studentKey, parentKey: _parentKey, ...event } = item;
  return event as unknown as StoredAuditEvent;
}
