import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table, transact, CONDITION_FAILED } from './client';
import { auditPut, AuditEvent } from './audit';
import { keys } from './keys';

/** A parent portal contact. Names are kept exactly as entered by the school. */
export interface Parent {
  districtId: string;
  parentId: string;
  firstName: string;
  lastName: string;
  userName: string;
  email?: string;
}

export async function getParent(districtId: string, parentId: string): Promise<Parent | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('parents'), Key: keys.parent(districtId, parentId), ConsistentRead: true }),
  );
  return Item ? toParent(Item) : undefined;
}

export async function getParents(districtId: string, parentIds: readonly string[]): Promise<Map<string, Parent>> {
  const found = new Map<string, Parent>();
  const unique = [...new Set(parentIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [table('parents')]: { Keys: unique.slice(i, i + 100).map((id) => keys.parent(districtId, id)) },
    };
    while (request && Object.keys(request).length) {
      const result = await dynamo.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[table('parents')] ?? []) {
        const parent = toParent(item);
        found.set(parent.parentId, parent);
      }
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/**
 * Upserts a parent's roster fields (and only those: account state lives on the same item) unless
 * they are already what is stored, with the audit event in the same transaction.
 * Returns whether anything changed.
 */
export async function upsertParentProfile(parent: Parent, audit: AuditEvent): Promise<boolean> {
  const fields = ['districtId', 'parentId', 'firstName', 'lastName', 'userName', 'email'] as const;
  const set = fields.filter((f) => parent[f] !== undefined);
  const removed = fields.filter((f) => parent[f] === undefined);
  const differs = fields.map((f) => (parent[f] === undefined ? `attribute_exists(#${f})` : `NOT (#${f} = :${f})`));
  const reasons = await transact([
    {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression:
          `SET ${set.map((f) => `#${f} = :${f}`).join(', ')}` +
          (removed.length ? ` REMOVE ${removed.map((f) => `#${f}`).join(', ')}` : ''),
        ConditionExpression: `attribute_not_exists(pk) OR ${differs.join(' OR ')}`,
        ExpressionAttributeNames: Object.fromEntries(fields.map((f) => [`#${f}`, f])),
        ExpressionAttributeValues: Object.fromEntries(set.map((f) => [`:${f}`, parent[f]])),
      },
    },
    auditPut(audit),
  ]);
  if (!reasons) return true;
  if (reasons[0] === CONDITION_FAILED) return false;
  throw new Error(`Parent upsert cancelled: ${reasons.join(',')}`);
}

function toParent(item: Record<string, unknown>): Parent {
  const { pk: _pk, ...parent } = item;
  return parent as unknown as Parent;
}
