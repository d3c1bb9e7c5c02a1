import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, table } from './client';
import { keys } from './keys';

export interface ThrottleKey {
  scope: 'redeem-parent' | 'redeem-address' | 'sign-in-account' | 'sign-in-address' | 'sign-in-device';
  subject: string;
}

/**
 * Fixed-window attempt counters shared by every Lambda instance. An attempt reserves a slot
 * atomically before it runs (so a burst of parallel guesses cannot overshoot the limit) and a
 * successful attempt gives its slot back: what remains counted are the failures.
 */
/** The attempts now counted in the window (this one included), or undefined when the limit is used up. */
export async function reserveAttempt(key: ThrottleKey, limit: number, windowSeconds: number, now: Date): Promise<number | undefined> {
  const windowStart = windowStartOf(now, windowSeconds);
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: table('throttle'),
        Key: keys.throttle(key.scope, key.subject, windowStart),
        UpdateExpression: 'ADD attempts :one SET expiresAtEpoch = :expires',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': windowStart + 2 * windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.attempts);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

export async function releaseAttempt(key: ThrottleKey, windowSeconds: number, now: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table('throttle'),
      Key: keys.throttle(key.scope, key.subject, windowStartOf(now, windowSeconds)),
      UpdateExpression: 'ADD attempts :minusOne',
      ConditionExpression: 'attempts > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
    }),
  ).catch((error) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

export function secondsUntilNextWindow(now: Date, windowSeconds: number): number {
  return windowStartOf(now, windowSeconds) + windowSeconds - Math.floor(now.getTime() / 1000);
}

function windowStartOf(now: Date, windowSeconds: number): number {
  const epoch = Math.floor(now.getTime() / 1000);
  return epoch - (epoch % windowSeconds);
}
