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

/** Why each item of a cancelled transaction failed ('None' for the ones that did not). */
export type CancellationCodes = string[];

/**
 * Runs a transaction. Returns undefined on success, or the per-item cancellation codes when a
 * condition failed or another transaction conflicted, so callers decide what that means.
 */
export async function transact(items: TransactItem[]): Promise<CancellationCodes | undefined> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    }
    throw error;
  }
}

export const CONDITION_FAILED = 'ConditionalCheckFailed';
export const TRANSACTION_CONFLICT = 'TransactionConflict';

/** Transaction items by name, so a failure is read by what failed, not by its position. */
export type Named<T> = Record<string, T>;

/**
 * Runs a transaction of named items. Returns undefined on success, or the names of the items
 * whose condition failed (empty when it was cancelled for another reason, such as a conflict).
 */
export async function transactNamed(items: Named<TransactItem>): Promise<Set<string> | undefined> {
  const names = Object.keys(items);
  const reasons = await transact(names.map((name) => items[name]!));
  if (!reasons) return undefined;
  return new Set(names.filter((_, i) => reasons[i] === CONDITION_FAILED));
}
