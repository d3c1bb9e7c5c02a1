import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, namePrefixQueries, nameRangePage, table } from './client';
import { keys } from './keys';
import { type PrefixQuery, type PrefixResult } from '../domain/name-search';
import type { TrustedDevice } from '../domain/trusted-devices';
import type { StoredPasskey } from './passkeys';

/*
 * The parent item, which holds both the roster's contact and the portal account: its shape and
 * its reads (by id, by user name, name or email, a bulk job's pages). The roster writes the
 * contact (parent-roster.ts); sign-in and staff move the account through its states
 * (parent-accounts.ts).
 */

/** A parent portal contact. Names are kept exactly as entered by the school. */
export interface Parent {
  districtId: string;
  parentId: string;
  firstName: string;
  lastName: string;
  userName: string;
  email?: string;
}

/** The portal account that lives on the same item. */
export interface ParentAccount extends Parent {
  passwordHash?: string;
  passwordSetAt?: string;
  tempPassword?: { hash: string; issuedAt: string; expiresAt: string };
  temporaryUsedAt?: string;
  challengeId?: string;
  lastSignInAt?: string;
  failedSignIns?: number;
  lockedUntil?: string;
  passwordSetByJob?: string;
  /** The roster import job that last wrote these roster fields, so a retried page counts the write as that job's. */
  rosteredByJob?: string;
  /** Moves on at every reset, change, unlock and sign-out; tokens of an older version are refused. */
  sessionVersion?: number;
  /** Browsers whose device tokens this account honours, least recently used first (at most `MAX_TRUSTED_DEVICES`). */
  trustedDevices?: TrustedDevice[];
  /** Moves on at a staff reset, a password change and "sign out everywhere"; older device tokens are refused. */
  deviceGeneration?: number;
  /** Hashing attempts made on the open new-password challenge. */
  challengeAttempts?: number;
  /** Schools whose roster lists this parent: their staff may look the parent up. */
  rosterSchools?: Set<string>;
  /** The user name and email before the roster last changed them: the mail service tells both. */
  previousContact?: { userName: string; email?: string; changedAt: string };
  /** The open password reset link (its hash only), made by the mail service when it sends the link. */
  passwordReset?: { hash: string; expiresAt: string; eventId: string };
  /** The account's passkeys (WebAuthn credentials, at most `PASSKEY_MAX_PER_ACCOUNT`); see passkeys.ts. */
  passkeys?: StoredPasskey[];
}

export async function getParent(districtId: string, parentId: string): Promise<ParentAccount | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('parents'), Key: keys.parent(districtId, parentId), ConsistentRead: true }),
  );
  return Item ? toParent(Item) : undefined;
}

export async function getParents(districtId: string, parentIds: readonly string[]): Promise<Map<string, ParentAccount>> {
  const found = new Map<string, ParentAccount>();
  const unique = [...new Set(parentIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [table('parents')]: { Keys: unique.slice(i, i + 100).map((id) => keys.parent(districtId, id)), ConsistentRead: true },
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

export async function findParentIdByUserName(districtId: string, userName: string): Promise<string | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: table('parents'), Key: keys.userName(districtId, userName), ConsistentRead: true }),
  );
  return Item?.parentId as string | undefined;
}

/**
 * A name search's planned prefix queries on the district's two parent name indexes, all at once
 * (one round trip, `plan.length` requests), each reading at most ITEMS_PER_INDEX_QUERY entries
 * and returning only the sort key (which names the parent: shared/domain/name-search.ts). The
 * partition is the district's: the caller keeps only the parents its school may see.
 */
export async function searchParentNameKeys(districtId: string, plan: readonly PrefixQuery[]): Promise<PrefixResult[]> {
  return namePrefixQueries({ table: 'parents', partition: 'districtId', last: 'byName', first: 'byFirstName' }, districtId, plan);
}

export async function findParentIdsByEmail(districtId: string, email: string): Promise<string[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: table('parents'),
      IndexName: 'byEmail',
      KeyConditionExpression: 'emailKey = :e',
      ExpressionAttributeValues: { ':e': keys.emailKey(districtId, email) },
    }),
  );
  return (Items ?? []).map((item) => keys.idOf(item.pk as string));
}

/** One page of a district's parent ids in name order within [from, to]: a bulk job's batch. */
export async function parentPage(
  districtId: string,
  range: { from: string; to: string },
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ ids: string[]; nextKey?: Record<string, unknown> }> {
  return nameRangePage({ table: 'parents', name: 'byName', partition: 'districtId', id: 'parentId' }, districtId, range, limit, startKey);
}

/** The parent as stored, without its key and index attributes. */
function toParent(item: Record<string, unknown>): ParentAccount {
  const { pk: _pk, nameKey: _n, firstNameKey: _f, emailKey: _e, ...parent } = item;
  return parent as unknown as ParentAccount;
}
