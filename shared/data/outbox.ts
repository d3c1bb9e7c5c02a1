import { randomUUID } from 'node:crypto';
import { GetCommand, paginateScan } from '@aws-sdk/lib-dynamodb';
import { dynamo, table, TransactItem } from './client';
import { keys } from './keys';

/**
 * Events for the notice service. They carry ids only: the mail service looks up the parent's
 * address of record itself, so no personal data or secret travels in an event.
 */
export interface OutboxEvent {
  /**
   * `parent.contact-changed`: the mail service writes to the parent's `previousContact` too.
   * `recovery.*`: a parent asked for their user name or a password reset link; `recovery.unmatched`
   * is a request that matched no account, written so both answers cost the same (nothing is sent).
   */
  type: NoticeType;
  at: string;
  districtId: string;
  parentId: string;
  schoolId?: string;
  studentId?: string;
  /** `invitation.*`: the invitation the mail is for (a replaced one is not sent). */
  invitationId?: string;
}

export const NOTICE_TYPES = [
  'parent.password-set', 'parent.contact-changed', 'parent.password-reset', 'link.created', 'link.removed',
  'recovery.user-name', 'recovery.password-reset', 'recovery.unmatched', 'invitation.sent', 'invitation.reminder',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

const KEEP_SECONDS = 7 * 24 * 3600;

/** The outbox write that joins the transaction of the change it announces. */
export function outboxPut(event: OutboxEvent): TransactItem {
  const eventId = randomUUID();
  return {
    Put: {
      TableName: table('outbox'),
      Item: { ...keys.outboxEvent(eventId), eventId, ...event, expiresAtEpoch: Math.floor(Date.parse(event.at) / 1000) + KEEP_SECONDS },
    },
  };
}

/** One event by its id, as the mail service reads it (the bus carries only ids); undefined once expired. */
export async function getOutboxEvent(eventId: string): Promise<(OutboxEvent & { eventId: string }) | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('outbox'), Key: keys.outboxEvent(eventId), ConsistentRead: true }));
  if (!Item) return undefined;
  const { pk: _pk, expiresAtEpoch: _ttl, ...event } = Item;
  return event as OutboxEvent & { eventId: string };
}

/** Local reading of the outbox (in AWS the table's stream feeds EventBridge instead). */
export async function readOutbox(filter: { districtId?: string } = {}): Promise<(OutboxEvent & { eventId: string })[]> {
  const events: (OutboxEvent & { eventId: string })[] = [];
  const pages = paginateScan(
    { client: dynamo },
    {
      TableName: table('outbox'),
      ...(filter.districtId ? { FilterExpression: 'districtId = :d', ExpressionAttributeValues: { ':d': filter.districtId } } : {}),
    },
  );
  for await (const page of pages) {
    for (const { pk: _pk, expiresAtEpoch: _ttl, ...event } of page.Items ?? []) events.push(event as OutboxEvent & { eventId: string });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
