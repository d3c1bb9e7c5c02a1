import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../concurrency';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, table } from './client';
import { keys, type SchoolRef } from './keys';

export interface ThrottleKey {
  scope: 'redeem-parent' | 'redeem-address' | 'sign-in-account' | 'sign-in-address' | 'sign-in-trusted' | 'redeem-school-day' | 'recovery-account' | 'recovery-address' | 'passkey-sign-in-address';
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

const DAY_SECONDS = 86_400;
/** Failed guesses by day are kept about 13 months, for the code lifecycle view. */
const GUESS_DAYS_KEPT = 400;

/**
 * Counts a failed code guess for each school that rosters the guessing parent, by UTC day (a
 * wrong code names no school; the guesser's schools are the ones being guessed at). Plain
 * counters, outside any transaction, so parallel guesses never contend.
 */
export async function countFailedGuess(schools: readonly SchoolRef[], now: Date): Promise<void> {
  const day = windowStartOf(now, DAY_SECONDS);
  await mapWithConcurrency(schools, 4, (school) =>
    dynamo.send(
      new UpdateCommand({
        TableName: table('throttle'),
        Key: keys.throttle('redeem-school-day', keys.districtSchool(school), day),
        UpdateExpression: 'ADD attempts :one SET expiresAtEpoch = :expires',
        ExpressionAttributeValues: { ':one': 1, ':expires': day + GUESS_DAYS_KEPT * DAY_SECONDS },
      }),
    ),
  );
}

/** Failed guesses at a school on each of the last `days` UTC days (today last): one BatchGet of ≤ 100 keys. */
export async function failedGuessesByDay(school: SchoolRef, days: number, now: Date): Promise<{ day: string; count: number }[]> {
  const today = windowStartOf(now, DAY_SECONDS);
  const starts = Array.from({ length: Math.min(days, 100) }, (_, i) => today - (days - 1 - i) * DAY_SECONDS);
  const counts = new Map<string, number>();
  let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
    [table('throttle')]: { Keys: starts.map((start) => keys.throttle('redeem-school-day', keys.districtSchool(school), start)) },
  };
  while (request && Object.keys(request).length) {
    const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
    for (const item of result.Responses?.[table('throttle')] ?? []) counts.set(item.pk as string, Number(item.attempts));
    request = result.UnprocessedKeys as typeof request;
  }
  return starts.map((start) => ({
    day: new Date(start * 1000).toISOString().slice(0, 10),
    count: counts.get(keys.throttle('redeem-school-day', keys.districtSchool(school), start).pk as string) ?? 0,
  }));
}
