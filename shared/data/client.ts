import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config';

/** One document client per process, created at cold start; the endpoint is just config. */
export const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const table = config.tableName;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const CONDITION_FAILED = 'ConditionalCheckFailed';

/** Transaction items by name, so a failure is read by what failed, not by its position. */
export type Named<T> = Record<string, T>;

/** The items of a list, named `name#0`, `name#1`, …, to join a transaction of named items. */
export function numbered(name: string, items: readonly TransactItem[]): Named<TransactItem> {
  return Object.fromEntries(items.map((item, i) => [`${name}#${i}`, item]));
}

/** A cancelled transaction: the items whose condition failed (none when another transaction conflicted). */
export interface Cancelled {
  failed: ReadonlySet<string>;
  /** Every item's cancellation code, for error messages. */
  codes: string;
}

/**
 * Runs a transaction of named items. Returns undefined on success, or what was cancelled and
 * why, so callers decide what that means by name.
 */
export async function transact(items: Named<TransactItem>): Promise<Cancelled | undefined> {
  const names = Object.keys(items);
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: names.map((name) => items[name]!) }));
    return undefined;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const codes = names.map((name, i) => [name, error.CancellationReasons?.[i]?.Code ?? 'None'] as const);
    return {
      failed: new Set(codes.filter(([, code]) => code === CONDITION_FAILED).map(([name]) => name)),
      codes: codes.map(([name, code]) => `${name}=${code}`).join(','),
    };
  }
}
