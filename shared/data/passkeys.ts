import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo, table, transact } from './client';
import { keys } from './keys';
import { auditPut, type AuditEvent } from './audit';
import type { ParentAccount } from './parents';

/*
 * Parents' passkeys: the WebAuthn credentials on the parent item (`passkeys`), and the
 * single-use challenges they are registered and used with (the challenges table, `WEBAUTHN#id`).
 * Only public keys are stored; nothing here is a secret.
 */

/** One WebAuthn credential of an account, as stored on the parent item. */
export interface StoredPasskey {
  /** Our own short id (the API's `passkeyId`): credential ids run to 1,023 bytes, too long for a path. */
  passkeyId: string;
  /** The authenticator's credential id, base64url. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last reported (0 for authenticators that keep none). */
  counter: number;
  transports?: string[];
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  /** Whether the authenticator said the credential is backed up (synced), for the list. */
  backedUp?: boolean;
  /**
   * The account's device generation when it was registered. Everything that ends every device's
   * trust (a staff reset, a password change, "sign out everywhere") moves the generation on, and
   * a passkey of an older generation is honoured nowhere (and dropped at the next write).
   */
  deviceGeneration: number;
}

export type ChallengePurpose = 'registration' | 'authentication';

/** A challenge as stored: what it may be used for, by whom, until when. */
export interface StoredChallenge {
  challengeId: string;
  purpose: ChallengePurpose;
  districtId: string;
  /** Registration only: the account adding a passkey. */
  parentId?: string;
  /** The base64url challenge the authenticator signs. */
  challenge: string;
  expiresAt: string;
}

/** Stores a challenge; DynamoDB's TTL removes it some time after `expiresAt` (use checks the time itself). */
export async function putChallenge(challenge: StoredChallenge): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: table('challenges'),
      Item: { ...keys.webauthnChallenge(challenge.challengeId), ...challenge, expiresAtEpoch: Math.ceil(Date.parse(challenge.expiresAt) / 1000) },
      // Ids are random: a clash is a bug, never an overwrite.
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Uses a challenge up: deletes it if it is of this purpose, for this district (and account), and
 * not expired, and returns it; undefined otherwise (used already, expired, unknown, or meant for
 * something else, which stays unused). The delete is the check, so two answers to one challenge
 * cannot both pass.
 */
export async function takeChallenge(
  challengeId: string,
  expected: { purpose: ChallengePurpose; districtId: string; parentId?: string },
  now: string,
): Promise<StoredChallenge | undefined> {
  try {
    const { Attributes } = await dynamo.send(
      new DeleteCommand({
        TableName: table('challenges'),
        Key: keys.webauthnChallenge(challengeId),
        ConditionExpression:
          'purpose = :purpose AND districtId = :district AND expiresAt > :now AND ' +
          (expected.parentId === undefined ? 'attribute_not_exists(parentId)' : 'parentId = :parent'),
        ExpressionAttributeValues: {
          ':purpose': expected.purpose, ':district': expected.districtId, ':now': now,
          ...(expected.parentId === undefined ? {} : { ':parent': expected.parentId }),
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (!Attributes) return undefined;
    const { pk: _pk, expiresAtEpoch: _ttl, ...challenge } = Attributes;
    return challenge as StoredChallenge;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * Writes the account's new list of passkeys with its audit event, in one transaction.
 * Conditional on the list and the device generation read (two changes at once must not drop each
 * other's passkey, and a reset in between must not be undone): false when either moved, so the
 * caller reads again and decides again.
 */
export async function writePasskeys(parent: ParentAccount, passkeys: StoredPasskey[], audit: AuditEvent): Promise<boolean> {
  const generation = parent.deviceGeneration ?? 0;
  const cancelled = await transact({
    parent: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression: passkeys.length ? 'SET passkeys = :passkeys' : 'REMOVE passkeys',
        ConditionExpression:
          'attribute_exists(pk) AND (deviceGeneration = :generation OR (attribute_not_exists(deviceGeneration) AND :generation = :zero)) AND ' +
          (parent.passkeys ? 'passkeys = :read' : 'attribute_not_exists(passkeys)'),
        ExpressionAttributeValues: {
          ':generation': generation, ':zero': 0,
          ...(passkeys.length ? { ':passkeys': passkeys } : {}),
          ...(parent.passkeys ? { ':read': parent.passkeys } : {}),
        },
      },
    },
    audit: auditPut(audit),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('parent') || cancelled.failed.size === 0) return false;
  throw new Error(`Passkey change cancelled: ${cancelled.codes}`);
}

/**
 * A passkey signed in: its new counter and when. Conditional on the passkey still being where it
 * was read, with the counter read, and on the device generation, so an answer that raced another
 * use, a removal or a reset does not count. False then.
 */
export async function recordPasskeyUse(parent: ParentAccount, index: number, read: StoredPasskey, counter: number, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table('parents'),
        Key: keys.parent(parent.districtId, parent.parentId),
        UpdateExpression: `SET passkeys[${index}].#counter = :counter, passkeys[${index}].lastUsedAt = :at`,
        ConditionExpression:
          `passkeys[${index}].passkeyId = :id AND passkeys[${index}].#counter = :read AND ` +
          '(deviceGeneration = :generation OR (attribute_not_exists(deviceGeneration) AND :generation = :zero))',
        ExpressionAttributeNames: { '#counter': 'counter' },
        ExpressionAttributeValues: {
          ':counter': counter, ':at': at, ':id': read.passkeyId, ':read': read.counter, ':generation': parent.deviceGeneration ?? 0, ':zero': 0,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
