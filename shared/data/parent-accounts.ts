import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, table, transact, Named, TransactItem } from './client';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';
import { outboxPut, OutboxEvent } from './outbox';
import type { ParentAccount } from './parents';

/*
 * The portal account's state machine, on the parent item: temporary passwords (staff or a bulk
 * job), the new-password challenge they open, sign-in counts and locks, unlocks, and sessions
 * ended. Every change of state that ends sessions moves `sessionVersion` on.
 */

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
