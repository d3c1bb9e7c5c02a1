import { appendFileSync } from 'node:fs';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { InitializeMiddleware } from '@smithy/types';
import { config, grantsOf, localBindings, type LocalBinding } from '../config';
import { allows } from './table-access';

/*
 * The local stand-in for IAM on DynamoDB. Inside a local binding (the local server's route,
 * the job runner's task), every call is checked against the function's declared `tables`
 * before it is sent, so a call the stack does not grant fails here as it would in Lambda.
 * Outside a binding (Lambda, test set-up, CLIs) it does nothing.
 */

/** One IAM authorization a call needs: an action on a table (by its physical name) or on one of its indexes. */
export interface Needed {
  action: string;
  tableName: string;
  index?: string;
}

const TRANSACT_WRITE_ACTIONS = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' } as const;

type Input = {
  TableName?: string;
  IndexName?: string;
  RequestItems?: Record<string, unknown>;
  TransactItems?: Record<string, { TableName?: string } | undefined>[];
};

/**
 * What IAM checks for one low-level command (`GetItemCommand`, …): batches need their own action
 * on every table they name, transactions each item's action on its table ("Using IAM with
 * DynamoDB transactions"), a Query or Scan of an index the action on the index. Anything else
 * (DescribeTable, PartiQL) needs its own action, which no declaration can grant.
 */
export function neededFor(commandName: string, input: Input): Needed[] {
  const action = commandName.replace(/Command$/, '');
  switch (action) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(input.RequestItems ?? {}).map((tableName) => ({ action, tableName }));
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (input.TransactItems ?? []).flatMap((item) =>
        Object.entries(item).map(([kind, request]) => ({
          action: kind === 'Get' ? 'GetItem' : TRANSACT_WRITE_ACTIONS[kind as keyof typeof TRANSACT_WRITE_ACTIONS] ?? kind,
          tableName: request?.TableName ?? '*',
        })),
      );
    default:
      return [{ action, tableName: input.TableName ?? '*', ...(input.IndexName ? { index: input.IndexName } : {}) }];
  }
}

/** What IAM answers a call it does not allow (AccessDeniedException, HTTP 400), with its message's shape. */
function accessDenied(binding: LocalBinding, needed: Needed): DynamoDBServiceException {
  const resource = needed.tableName === '*' ? '*' : `arn:aws:dynamodb:${config.AWS_REGION}:000000000000:table/${needed.tableName}${needed.index ? `/index/${needed.index}` : ''}`;
  return new DynamoDBServiceException({
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message:
      `User: arn:aws:sts::000000000000:assumed-role/${binding.functionName}/${binding.functionName} is not authorized to perform: ` +
      `dynamodb:${needed.action} on resource: ${resource} because no identity-based policy allows the dynamodb:${needed.action} action`,
  });
}

function granted(binding: LocalBinding, needed: Needed): boolean {
  const grants = grantsOf(binding);
  // A set of names binds tables without actions (config.ts); tableName() has checked the table.
  if (!grants) return true;
  const table = config.tableOf(needed.tableName);
  return table !== undefined && allows(grants[table], needed.action, needed.index);
}

/** Refuses, before anything is sent, a call of a local binding that its declaration does not grant; or records it (LOCAL_GRANTS_RECORD). */
export const localGrants: InitializeMiddleware<any, any> = (next, context) => async (args) => {
  const binding = localBindings.getStore();
  if (binding) {
    const needs = neededFor(context.commandName ?? '', args.input as Input);
    if (config.LOCAL_GRANTS_RECORD) {
      const lines = needs.map(({ action, tableName, index }) => JSON.stringify({ function: binding.functionName, table: config.tableOf(tableName) ?? tableName, action, index }));
      appendFileSync(config.LOCAL_GRANTS_RECORD, lines.map((line) => `${line}\n`).join(''));
    } else {
      const refused = needs.find((needed) => !granted(binding, needed));
      if (refused) throw accessDenied(binding, refused);
    }
  }
  return next(args);
};
