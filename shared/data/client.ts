import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { config } from '../config';
import type { TableName } from './table-schema';
import { retryOnConflict, RETRY } from '../retry';
import { BusyError } from '../domain/errors';
import { localGrants } from './local-grants';
import { ITEMS_PER_INDEX_QUERY, type PrefixQuery, type PrefixResult } from '../domain/name-search';

/** One document client per process, created at cold start; the endpoint is just config. */
export const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  { marshallOptions: { removeUndefinedValues: true } },
);
// Locally, refuses what the function's declaration does not grant, as IAM would; a no-op in Lambda.
dynamo.middlewareStack.add(localGrants, { step: 'initialize', priority: 'high', name: 'localGrants' });

export const table = config.tableName;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const CONDITION_FAILED = 'ConditionalCheckFailed';

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

/**
 * A transaction whose only failure can be a race: cancelled with no condition failed (another
 * transaction held an item), it is sent again after a pause; a failed condition is returned as
 * with `transact`.
 */
export async function transactThroughConflicts(items: Named<TransactItem>): Promise<Cancelled | undefined> {
  return retryOnConflict(
    async () => {
      const cancelled = await transact(items);
      return cancelled && cancelled.failed.size === 0 ? RETRY : cancelled;
    },
    () => {
      throw new BusyError('Someone else changed this at the same moment. Try again.');
    },
  );
}

/**
 * A name search's planned prefix queries on a table's two name indexes (last-name order and
 * first-name order), all at once: one round trip, `plan.length` requests, each reading at most
 * ITEMS_PER_INDEX_QUERY entries and returning only the sort key (which names the person).
 */
export async function namePrefixQueries(
  indexes: { table: TableName; partition: string; last: string; first: string },
  partitionValue: string,
  plan: readonly PrefixQuery[],
): Promise<PrefixResult[]> {
  return Promise.all(
    plan.map(async (query) => {
      const [indexName, sortKey] = query.index === 'last' ? [indexes.last, 'nameKey'] : [indexes.first, 'firstNameKey'];
      const result = await dynamo.send(
        new QueryCommand({
          TableName: table(indexes.table),
          IndexName: indexName,
          KeyConditionExpression: '#partition = :p AND begins_with(#key, :prefix)',
          ExpressionAttributeNames: { '#partition': indexes.partition, '#key': sortKey },
          ExpressionAttributeValues: { ':p': partitionValue, ':prefix': query.prefix },
          ProjectionExpression: '#key',
          Limit: ITEMS_PER_INDEX_QUERY,
        }),
      );
      return { query, keys: (result.Items ?? []).map((item) => item[sortKey] as string), truncated: result.LastEvaluatedKey !== undefined };
    }),
  );
}

/**
 * One page of ids from a name-ordered index (students by school, parents by district) whose
 * name key lies in [from, to]: a bulk job's batch. `startKey` and `nextKey` are raw keys, so a
 * page is identified by where it starts.
 */
export async function nameRangePage(
  index: { table: TableName; name: string; partition: string; id: string },
  partitionValue: string,
  range: { from: string; to: string },
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ ids: string[]; nextKey?: Record<string, unknown> }> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: table(index.table),
      IndexName: index.name,
      KeyConditionExpression: '#partition = :p AND nameKey BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#partition': index.partition },
      ExpressionAttributeValues: { ':p': partitionValue, ':from': range.from, ':to': range.to },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  // BETWEEN includes both ends; a range's upper end is the next range's first key.
  const items = (result.Items ?? []).filter((item) => item.nameKey !== range.to);
  return { ids: items.map((item) => item[index.id] as string), nextKey: result.LastEvaluatedKey };
}
