import { TABLES, type TableName } from './table-schema';

/*
 * What a function may do to a table, as plain data: the route and job-task declarations list
 * these, CDK grants exactly them (ServiceFunction.bindTable) and the local runtime refuses any
 * other (local-grants.ts). No SDK or CDK imports.
 */

/**
 * The item actions a function may be granted on a table, named as IAM names them (Service
 * Authorization Reference, "Actions, resources, and condition keys for Amazon DynamoDB").
 * Transactions have no action of their own: each item needs its own action (Put → PutItem,
 * Update → UpdateItem, Delete → DeleteItem, ConditionCheck → ConditionCheckItem; a transactional
 * Get → GetItem) — DynamoDB Developer Guide, "Using IAM with DynamoDB transactions". A batch is
 * its own action (BatchGetItem, BatchWriteItem, and the latter may delete).
 */
export const TABLE_ACTIONS = ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'ConditionCheckItem'] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

/** Actions that can read a secondary index. */
export type IndexAction = 'Query' | 'Scan';

/**
 * One grant: an action on the table, or `Query:<index>` / `Scan:<index>` on one secondary
 * index — a resource of its own (`<table ARN>/index/<name>`) that a grant on the table does not
 * cover (DynamoDB Developer Guide, "IAM policy to grant access to a specific DynamoDB table and
 * its indexes").
 */
export type Grant = TableAction | `${IndexAction}:${string}`;

/** A table's grants, e.g. `['GetItem', 'UpdateItem', 'Query:byName']`. */
export type Access = readonly Grant[];

/** What each function may do, per table: the routes' and job tasks' `tables`. */
export type TableGrants = Partial<Record<TableName, Access>>;

export interface ParsedGrant {
  action: TableAction;
  /** The secondary index, when the grant is on one. */
  index?: string;
}

/** Splits a grant into its action and index; throws on an unknown action or an index the table does not have. */
export function parseGrant(table: TableName, grant: Grant): ParsedGrant {
  const [action, index, ...rest] = grant.split(':') as [TableAction, string | undefined];
  const valid = TABLE_ACTIONS.includes(action) && rest.length === 0 && (index === undefined || ((action === 'Query' || action === 'Scan') && index in TABLES[table].indexes));
  if (!valid) throw new Error(`"${grant}" is not a grant on the ${table} table (indexes: ${Object.keys(TABLES[table].indexes).join(', ') || 'none'})`);
  return index === undefined ? { action } : { action, index };
}

/** Whether `access` allows `action` on the table (`index` absent) or on that index. */
export function allows(access: Access | undefined, action: string, index?: string): boolean {
  return (access ?? []).includes((index === undefined ? action : `${action}:${index}`) as Grant);
}
