import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, nameRangePage, table, transact, Named, TransactItem } from './client';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';
import { outboxPut, OutboxEvent } from './outbox';
import { foldName, nameOrderKey } from '../domain/names';

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
  /** Moves on at every reset, change, unlock and sign-out; tokens of an older version are refused. */
  sessionVersion?: number;
  /** Hashing attempts made on the open new-password challenge. */
  challengeAttempts?: number;
  /** Schools whose roster lists this parent: their staff may look the parent up. */
  rosterSchools?: Set<string>;
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

/** Parent ids whose last name starts with `prefix` (case- and accent-insensitive), in name order. */
export async function findParentIdsByName(districtId: string, prefix: string, limit: number): Promise<string[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: table('parents'),
      IndexName: 'byName',
      KeyConditionExpression: 'districtId = :d AND begins_with(nameKey, :p)',
      ExpressionAttributeValues: { ':d': districtId, ':p': foldName(prefix) },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => item.parentId as string);
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

export type UpsertOutcome = 'written' | 'unchanged' | 'user-name-taken' | 'rostered-elsewhere' | 'changed';

/**
 * Upserts a parent's roster fields (and only those: account state lives on the same item) in one
 * transaction with an audit event in the trail of every school that rosters the parent, so a
 * change made through one school is visible to all of them. The user name is claimed with a
 * uniqueness item; a renamed user name releases the old claim. A change of user name or email
 * keeps the previous contact on the item and announces `parent.contact-changed`, so the old
 * address hears of it. Records already as sent are not written.
 *
 * `mayClaim`: whether a parent rostered only by other schools may be taken into this school's
 * roster (district-wide staff); otherwise such a record is refused with 'rostered-elsewhere'.
 */
export async function upsertParentProfile(parent: Parent, schoolId: string, audit: AuditEvent, mayClaim: boolean): Promise<UpsertOutcome> {
  const existing = await getParent(parent.districtId, parent.parentId);
  const rosteredHere = existing?.rosterSchools?.has(schoolId) ?? false;
  if (existing && !rosteredHere && !mayClaim) return 'rostered-elsewhere';
  const same =
    existing &&
    rosteredHere &&
    existing.firstName === parent.firstName &&
    existing.lastName === parent.lastName &&
    existing.userName === parent.userName &&
    existing.email === parent.email;
  if (same) return 'unchanged';

  const contactChanged = existing && (existing.userName !== parent.userName || existing.email !== parent.email);
  const attributes = {
    districtId: parent.districtId,
    parentId: parent.parentId,
    firstName: parent.firstName,
    lastName: parent.lastName,
    userName: parent.userName,
    nameKey: nameOrderKey(parent.lastName, parent.firstName, parent.parentId),
    ...(parent.email ? { email: parent.email, emailKey: keys.emailKey(parent.districtId, parent.email) } : {}),
    ...(contactChanged ? { previousContact: { userName: existing.userName, ...(existing.email ? { email: existing.email } : {}), changedAt: audit.at } } : {}),
  };
  const names = Object.keys(attributes) as (keyof typeof attributes)[];
  const schools = new Set([...(existing?.rosterSchools ?? []), schoolId]);
  const items: Named<TransactItem> = {
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression:
          `SET ${names.map((n) => `#${n} = :${n}`).join(', ')} ADD rosterSchools :school` +
          (parent.email ? '' : ' REMOVE email, emailKey'),
        // Guards against a concurrent change between our read and this write (name or tenancy).
        ConditionExpression: !existing
          ? 'attribute_not_exists(pk)'
          : rosteredHere
            ? 'userName = :oldUserName AND contains(rosterSchools, :schoolId)'
            : 'userName = :oldUserName',
        ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n) => [`:${n}`, attributes[n]])),
          ':school': new Set([schoolId]),
          ...(existing ? { ':oldUserName': existing.userName } : {}),
          ...(rosteredHere ? { ':schoolId': schoolId } : {}),
        },
      },
    },
    userName: {
      Put: {
        TableName: table('parents'),
        Item: { ...keys.userName(parent.districtId, parent.userName), parentId: parent.parentId, districtId: parent.districtId },
        ConditionExpression: 'attribute_not_exists(pk) OR parentId = :me',
        ExpressionAttributeValues: { ':me': parent.parentId },
      },
    },
  };
  [...schools].forEach((school, i) => {
    items[`audit${i}`] = auditPut({ ...audit, schoolId: school, details: { ...audit.details, ...(rosteredHere ? {} : existing ? { claimedBy: schoolId } : {}) } });
  });
  if (existing && keys.userName(parent.districtId, existing.userName).pk !== keys.userName(parent.districtId, parent.userName).pk) {
    items.releaseUserName = {
      Delete: {
        TableName: table('parents'),
        Key: keys.userName(parent.districtId, existing.userName),
        ConditionExpression: 'parentId = :me',
        ExpressionAttributeValues: { ':me': parent.parentId },
      },
    };
  }
  if (contactChanged) {
    items.notice = outboxPut({ type: 'parent.contact-changed', at: audit.at, districtId: parent.districtId, parentId: parent.parentId, schoolId });
  }
  const cancelled = await transact(items);
  if (!cancelled) return 'written';
  if (cancelled.failed.has('userName')) return 'user-name-taken';
  // The parent item changed between our read and this write (another roster call, say).
  if (cancelled.failed.has('parent')) return 'changed';
  throw new Error(`Parent upsert cancelled: ${cancelled.codes}`);
}

/**
 * Staff set a temporary password: it replaces any permanent one (the parent forgot it), clears
 * lockout and any pending challenge, ends every session (the version moves on), and is recorded
 * and announced in the same transaction.
 */
export function temporaryPasswordItems(
  parent: { districtId: string; parentId: string },
  tempPassword: { hash: string; issuedAt: string; expiresAt: string },
  audit: AuditEvent,
  event: OutboxEvent,
  jobId?: string,
): Named<TransactItem> {
  return {
    [`parent:${parent.parentId}`]: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression:
          'SET tempPassword = :t, failedSignIns = :zero' + (jobId ? ', passwordSetByJob = :job' : '') +
          ' ADD sessionVersion :one REMOVE passwordHash, temporaryUsedAt, challengeId, challengeAttempts, lockedUntil',
        // A bulk job sets each parent's password at most once, even when its batch is retried.
        ConditionExpression: jobId
          ? 'attribute_exists(pk) AND (attribute_not_exists(passwordSetByJob) OR passwordSetByJob <> :job)'
          : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': tempPassword, ':zero': 0, ':one': 1, ...(jobId ? { ':job': jobId } : {}) },
      },
    },
    [`audit:${parent.parentId}`]: auditPut(audit),
    [`notice:${parent.parentId}`]: outboxPut(event),
  };
}

export async function setTemporaryPassword(...args: Parameters<typeof temporaryPasswordItems>): Promise<boolean> {
  const cancelled = await transact(temporaryPasswordItems(...args));
  if (!cancelled) return true;
  if (cancelled.failed.has(`parent:${args[0].parentId}`)) return false;
  throw new Error(`Set password cancelled: ${cancelled.codes}`);
}

/**
 * Several parents' temporary passwords in one transaction: all are set or none is. Three items
 * per parent against DynamoDB's 100 items per transaction (DynamoDB Developer Guide, "Amazon
 * DynamoDB Transactions": up to 100 actions), so at most 33 parents.
 */
export async function setTemporaryPasswordsTogether(changes: Parameters<typeof temporaryPasswordItems>[]): Promise<'set' | 'missing' | 'conflict'> {
  if (changes.length * 3 > 100) throw new Error('Too many parents for one transaction');
  const cancelled = await transact(Object.assign({}, ...changes.map((change) => temporaryPasswordItems(...change))));
  if (!cancelled) return 'set';
  return cancelled.failed.size > 0 ? 'missing' : 'conflict';
}

/** The temporary password works once: using it opens one challenge and spends it. */
export async function spendTemporaryPassword(parent: ParentAccount, challengeId: string, now: string): Promise<boolean> {
  return conditionalUpdate(parent, {
    UpdateExpression: 'SET temporaryUsedAt = :now, challengeId = :cid, failedSignIns = :zero REMOVE challengeAttempts',
    ConditionExpression: 'tempPassword.#hash = :hash AND attribute_not_exists(temporaryUsedAt)',
    ExpressionAttributeNames: { '#hash': 'hash' },
    ExpressionAttributeValues: { ':now': now, ':cid': challengeId, ':hash': parent.tempPassword!.hash, ':zero': 0 },
  });
}

/**
 * Counts one hashing attempt on an open challenge; false once the challenge has used its
 * `max` attempts (or is no longer open).
 */
export async function countChallengeAttempt(parent: ParentAccount, challengeId: string, max: number): Promise<boolean> {
  return conditionalUpdate(parent, {
    UpdateExpression: 'ADD challengeAttempts :one',
    ConditionExpression: 'challengeId = :cid AND (attribute_not_exists(challengeAttempts) OR challengeAttempts < :max)',
    ExpressionAttributeValues: { ':one': 1, ':cid': challengeId, ':max': max },
  });
}

/**
 * Ends a challenge with the parent's own new password; the temporary one is gone for good.
 * Returns the new session version, or undefined when the challenge was no longer open.
 */
export async function completeNewPassword(parent: ParentAccount, challengeId: string, passwordHash: string, audit: AuditEvent): Promise<number | undefined> {
  const next = (parent.sessionVersion ?? 0) + 1;
  const cancelled = await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression:
          'SET passwordHash = :hash, passwordSetAt = :at, lastSignInAt = :at, sessionVersion = :next REMOVE tempPassword, temporaryUsedAt, challengeId, challengeAttempts',
        ConditionExpression: 'challengeId = :cid AND ' + sameVersion,
        ExpressionAttributeValues: { ':hash': passwordHash, ':at': audit.at, ':cid': challengeId, ':next': next, ':current': parent.sessionVersion ?? 0, ':zeroVersion': 0 },
      },
    },
    audit: auditPut(audit),
  });
  return cancelled ? undefined : next;
}

const sameVersion = '(sessionVersion = :current OR (attribute_not_exists(sessionVersion) AND :current = :zeroVersion))';

/** Sign-out: every session token issued so far stops working. */
export async function endSessions(parent: ParentAccount, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression: 'ADD sessionVersion :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
}

export async function recordSignIn(parent: ParentAccount, now: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: table('parents'),
      Key: keys.parent(parent.districtId, parent.parentId),
      UpdateExpression: 'SET lastSignInAt = :now, failedSignIns = :zero',
      ExpressionAttributeValues: { ':now': now, ':zero': 0 },
    }),
  );
}

/**
 * Counts a failed sign-in from a client without the account's device token. Reaching
 * `lockAfter` locks the account (to such clients) until `lockUntil` and starts the count again,
 * so the next run of failures after the lock ends locks it again. Returns whether it locked.
 */
export async function recordFailedSignIn(parent: ParentAccount, lockAfter: number, lockUntil: string, audit: AuditEvent): Promise<boolean> {
  const { Attributes } = await dynamo.send(
    new UpdateCommand({
      TableName: table('parents'),
      Key: keys.parent(parent.districtId, parent.parentId),
      UpdateExpression: 'ADD failedSignIns :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (Number(Attributes?.failedSignIns) < lockAfter) return false;
  // Conditional on the count, so two failures racing past the limit lock (and audit) once.
  const cancelled = await transact({
    lock: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression: 'SET lockedUntil = :until, failedSignIns = :zero',
        ConditionExpression: 'failedSignIns >= :limit',
        ExpressionAttributeValues: { ':until': lockUntil, ':zero': 0, ':limit': lockAfter },
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
}

export async function unlockAccount(parent: { districtId: string; parentId: string }, audit: AuditEvent): Promise<void> {
  await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression: 'SET failedSignIns = :zero ADD sessionVersion :one REMOVE lockedUntil',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
      },
    },
    audit: auditPut(audit),
  });
}

async function conditionalUpdate(parent: ParentAccount, update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>) {
  try {
    await dynamo.send(new UpdateCommand({ TableName: table('parents'), Key: keys.parent(parent.districtId, parent.parentId), ...update }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

function toParent(item: Record<string, unknown>): ParentAccount {
  const { pk: _pk, nameKey: _n, emailKey: _e, ...parent } = item;
  return parent as unknown as ParentAccount;
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
