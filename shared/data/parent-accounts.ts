import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, numbered, table, transact, Named, TransactItem } from './client';
import { keys } from './keys';
import { auditPut, AuditEvent } from './audit';
import { outboxPut, OutboxEvent } from './outbox';
import type { ParentAccount } from './parents';
import type { TrustedDevice } from '../domain/trusted-devices';

/*
 * The portal account's state machine, on the parent item: temporary passwords (staff or a bulk
 * job), the new-password challenge they open, sign-in counts and locks, unlocks, and sessions
 * ended. Every change of state that ends sessions moves `sessionVersion` on; a staff reset, a
 * password change and "sign out everywhere" also move `deviceGeneration` on and forget the
 * account's `trustedDevices`, which ends every device token (an unlock and a plain sign-out keep
 * them: the owner's browsers were never what the lock answered).
 */

/**
 * Staff set a temporary password: it replaces any permanent one (the parent forgot it), clears
 * lockout and any pending challenge, ends every session (the version moves on) and every
 * device's trust (someone who knew the old password keeps no guessing allowance), and is
 * recorded and announced in the same transaction.
 */
export function temporaryPasswordItems(
  parent: { districtId: string; parentId: string },
  tempPassword: { hash: string; issuedAt: string; expiresAt: string },
  /** One event, or one per school whose trail must show the change (every school rostering the parent). */
  audit: AuditEvent | readonly AuditEvent[],
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
          ' ADD sessionVersion :one, deviceGeneration :one REMOVE passwordHash, temporaryUsedAt, challengeId, challengeAttempts, lockedUntil, trustedDevices',
        // A bulk job sets each parent's password at most once, even when its batch is retried.
        ConditionExpression: jobId
          ? 'attribute_exists(pk) AND (attribute_not_exists(passwordSetByJob) OR passwordSetByJob <> :job)'
          : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': tempPassword, ':zero': 0, ':one': 1, ...(jobId ? { ':job': jobId } : {}) },
      },
    },
    ...numbered(`audit:${parent.parentId}`, [audit].flat().map((event) => auditPut(event))),
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
 * Several parents' temporary passwords in one transaction: all are set or none is. Two items
 * per parent and one audit event per school that must see it, against DynamoDB's 100 items per
 * transaction (DynamoDB Developer Guide, "Amazon DynamoDB Transactions": up to 100 actions);
 * callers check `temporaryPasswordItemCount` first.
 */

export async function setTemporaryPasswordsTogether(changes: Parameters<typeof temporaryPasswordItems>[]): Promise<'set' | 'missing' | 'conflict'> {
  const items: Named<TransactItem> = Object.assign({}, ...changes.map((change) => temporaryPasswordItems(...change)));
  if (Object.keys(items).length > 100) throw new Error('Too many items for one transaction');
  const cancelled = await transact(items);
  if (!cancelled) return 'set';
  return cancelled.failed.size > 0 ? 'missing' : 'conflict';
}

/** Transaction items `setTemporaryPasswordsTogether` needs, given each parent's number of audit events. */
export function temporaryPasswordItemCount(auditsPerParent: readonly number[]): number {
  return auditsPerParent.reduce((n, audits) => n + 2 + audits, 0);
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
 * Ends a challenge with the parent's own new password; the temporary one is gone for good, and
 * so is every device's trust but the browser that made the change (`device`). Returns the new
 * session and device generations, or undefined when the challenge was no longer open.
 */
export async function completeNewPassword(
  parent: ParentAccount, challengeId: string, passwordHash: string, device: TrustedDevice, audit: AuditEvent,
): Promise<{ sessionVersion: number; deviceGeneration: number } | undefined> {
  const next = (parent.sessionVersion ?? 0) + 1;
  const nextDevices = (parent.deviceGeneration ?? 0) + 1;
  const cancelled = await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        // The session-version condition also pins the device generation: everything that moves
        // the latter moves the former.
        UpdateExpression:
          'SET passwordHash = :hash, passwordSetAt = :at, lastSignInAt = :at, sessionVersion = :next, deviceGeneration = :nextDevices, trustedDevices = :devices' +
          ' REMOVE tempPassword, temporaryUsedAt, challengeId, challengeAttempts',
        ConditionExpression: 'challengeId = :cid AND ' + sameVersion,
        ExpressionAttributeValues: {
          ':hash': passwordHash, ':at': audit.at, ':cid': challengeId, ':next': next, ':current': parent.sessionVersion ?? 0, ':zeroVersion': 0,
          ':nextDevices': nextDevices, ':devices': [device],
        },
      },
    },
    audit: auditPut(audit),
  });
  return cancelled ? undefined : { sessionVersion: next, deviceGeneration: nextDevices };
}

const sameVersion = '(sessionVersion = :current OR (attribute_not_exists(sessionVersion) AND :current = :zeroVersion))';

/**
 * Sign-out: every session token issued so far stops working. With `forgetDevices` ("sign out
 * everywhere") every device token does too.
 */
export async function endSessions(parent: ParentAccount, audit: AuditEvent, forgetDevices = false): Promise<boolean> {
  const cancelled = await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression: forgetDevices ? 'ADD sessionVersion :one, deviceGeneration :one REMOVE trustedDevices' : 'ADD sessionVersion :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    audit: auditPut(audit),
  });
  return !cancelled;
}

/**
 * A successful sign-in with the permanent password: clears the failure count and writes the
 * account's new list of trusted devices. Conditional on the device generation the sign-in read
 * (a reset or "sign out everywhere" in between must not be undone) and on the list it read (two
 * sign-ins at once must not drop each other's device). Returns false when either moved: read
 * again and decide again.
 */
export async function recordSignIn(parent: ParentAccount, now: string, devices: TrustedDevice[]): Promise<boolean> {
  const generation = parent.deviceGeneration ?? 0;
  return conditionalUpdate(parent, {
    UpdateExpression: 'SET lastSignInAt = :now, failedSignIns = :zero, trustedDevices = :devices',
    ConditionExpression:
      '(deviceGeneration = :generation OR (attribute_not_exists(deviceGeneration) AND :generation = :zero)) AND ' +
      (parent.trustedDevices ? 'trustedDevices = :read' : 'attribute_not_exists(trustedDevices)'),
    ExpressionAttributeValues: {
      ':now': now, ':zero': 0, ':devices': devices, ':generation': generation,
      ...(parent.trustedDevices ? { ':read': parent.trustedDevices } : {}),
    },
  });
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

export async function unlockAccount(parent: { districtId: string; parentId: string }, audit: AuditEvent | readonly AuditEvent[]): Promise<void> {
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
    ...numbered('audit', [audit].flat().map((event) => auditPut(event))),
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

/**
 * The mail service opens a reset link as it sends it: a newer link replaces an older one, so only
 * the last mail's link works. The hash only; the token exists in the mail alone.
 */
export async function openPasswordReset(parent: ParentAccount, reset: { hash: string; expiresAt: string; eventId: string }): Promise<boolean> {
  return conditionalUpdate(parent, { UpdateExpression: 'SET passwordReset = :reset', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':reset': reset } });
}

/**
 * A parent's own new password through a reset link: spends the link (single use: the condition
 * names its hash and the stored one is removed), ends every session and every device's trust,
 * clears temporary passwords, lockout and counts, and is audited and announced in one transaction.
 * False when the link was spent, replaced or expired in between.
 */
export async function completePasswordReset(
  parent: ParentAccount, resetHash: string, passwordHash: string, audit: AuditEvent, event: OutboxEvent,
): Promise<boolean> {
  const cancelled = await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression:
          'SET passwordHash = :hash, passwordSetAt = :at, failedSignIns = :zero ADD sessionVersion :one, deviceGeneration :one' +
          ' REMOVE passwordReset, tempPassword, temporaryUsedAt, challengeId, challengeAttempts, lockedUntil, trustedDevices',
        ConditionExpression: 'passwordReset.#hash = :reset AND passwordReset.expiresAt > :at',
        ExpressionAttributeNames: { '#hash': 'hash' },
        ExpressionAttributeValues: { ':hash': passwordHash, ':at': audit.at, ':zero': 0, ':one': 1, ':reset': resetHash },
      },
    },
    audit: auditPut(audit),
    notice: outboxPut(event),
  });
  return !cancelled;
}

/**
 * A self-service recovery request, recorded and announced in one transaction: the outbox event
 * makes the mail service send the user name or a reset link. A request that matched no account
 * writes the same two items (a `recovery.unmatched` event the mail service drops), so both
 * answers cost the same writes.
 */
export async function recordRecoveryRequest(audit: AuditEvent, event: OutboxEvent): Promise<void> {
  const cancelled = await transact({ audit: auditPut(audit), notice: outboxPut(event) });
  if (cancelled) throw new Error(`Recovery request cancelled: ${cancelled.codes}`);
}
