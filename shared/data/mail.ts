import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from './client';
import { keys } from './keys';

/*
 * The mail service's records: which notice went to which recipient (so a retried event sends
 * once) and what SES said about an address (so a bounced or complaining address gets no more).
 * Addresses are stored folded, never logged.
 */

/** As long as the outbox keeps the event it answers, and a day more: a retry after that finds no event. */
const KEEP_SECONDS = 8 * 24 * 3600;

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'skipped'; reason: 'no-address' | 'bounced' | 'complained' | 'no-account' | 'expired' | 'superseded' };

/**
 * Claims one recipient's mail of a notice before sending it. False when it is already claimed:
 * sent, skipped, or being sent by a concurrent delivery of the same event. A claim left by a
 * delivery that failed before SES accepted the mail is released (`releaseDelivery`), so the retry
 * sends; one that crashed after SES accepted it stays, so a retry never sends twice (at most once).
 */
export async function claimDelivery(eventId: string, to: number, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table('mail'),
        Item: { ...keys.mailDelivery(eventId, to), status: 'sending', claimedAt: at, expiresAtEpoch: Math.floor(Date.parse(at) / 1000) + KEEP_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function recordDelivery(eventId: string, to: number, outcome: DeliveryOutcome, at: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table('mail'),
      Key: keys.mailDelivery(eventId, to),
      UpdateExpression: 'SET #status = :status, finishedAt = :at' + (outcome.status === 'sent' ? ', messageId = :extra' : ', reason = :extra'),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': outcome.status, ':at': at, ':extra': outcome.status === 'sent' ? outcome.messageId : outcome.reason },
    }),
  );
}

/** Gives a claim back when sending failed, so the event's retry sends. */
export async function releaseDelivery(eventId: string, to: number): Promise<void> {
  await dynamo.send(
    new DeleteCommand({ TableName: table('mail'), Key: keys.mailDelivery(eventId, to), ConditionExpression: '#status = :sending', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':sending': 'sending' } }),
  ).catch((error) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

export async function getDelivery(eventId: string, to: number): Promise<{ status: string; reason?: string; messageId?: string } | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('mail'), Key: keys.mailDelivery(eventId, to), ConsistentRead: true }));
  return Item as { status: string; reason?: string; messageId?: string } | undefined;
}

export type AddressState = 'bounced' | 'complained';

/** What SES last reported about an address, if it stops mail. */
export async function addressState(districtId: string, email: string): Promise<{ state: AddressState; at: string } | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('mail'), Key: keys.mailAddress(districtId, email), ConsistentRead: true }));
  return Item ? { state: Item.state as AddressState, at: Item.at as string } : undefined;
}

/**
 * Marks an address after a permanent bounce or a complaint. A complaint is never overwritten by a
 * later bounce: the person asked for no mail, which outranks a full mailbox.
 */
export async function markAddress(districtId: string, email: string, state: AddressState, at: string): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table('mail'),
        Item: { ...keys.mailAddress(districtId, email), state, at },
        ...(state === 'bounced' ? { ConditionExpression: 'attribute_not_exists(pk) OR #state <> :complained', ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':complained': 'complained' } } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
