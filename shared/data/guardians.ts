import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, paginateQuery, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, numbered, table, transact, type Named, type TransactItem } from './client';
import { keys, schoolRef, type SchoolRef } from './keys';
import { auditPut, type AuditEvent } from './audit';
import { outboxPut, type OutboxEvent } from './outbox';
import { linkPut, type Link } from './links';
import { studentLinkUpdate } from './link-summary';

/*
 * The guardians a school's SIS names and their invitations, in one partition per school: a
 * guardian item per parent (the children named, the invitation and its state) and one item per
 * named child, so a student's guardians are a key range, not a scan. The roster writes the
 * names; invitations, the mailer, SES's feedback and the activation move the state on.
 */

import type { GuardianState, StoredGuardianState } from '../domain/invitations';
export { GUARDIAN_STATES, type GuardianState, type StoredGuardianState } from '../domain/invitations';

export interface Invitation {
  id: string;
  invitedAt: string;
  expiresAt: string;
  /** Hashes of the links mailed for this invitation (the first mail and its reminder); the links exist only in the mails. */
  hashes?: string[];
  sentAt?: string;
  remindedAt?: string;
  deliveredAt?: string;
}

export interface Guardian extends SchoolRef {
  parentId: string;
  firstName: string;
  lastName: string;
  hasEmail: boolean;
  studentIds: string[];
  state: StoredGuardianState;
  invitation?: Invitation;
  acceptedAt?: string;
  /** The job that last invited (or reminded) the guardian: a retried page does not invite twice. */
  invitedByJob?: string;
  remindedByJob?: string;
}

/** A guardian's state as staff read it: an unanswered invitation past its expiry is `expired`. */
export function guardianState(guardian: Guardian, now: string): GuardianState {
  if (!guardian.hasEmail && (guardian.state === 'not-invited' || guardian.state === 'revoked')) return 'no-email';
  const open = guardian.state === 'invited' || guardian.state === 'sent' || guardian.state === 'delivered';
  return open && guardian.invitation && guardian.invitation.expiresAt <= now ? 'expired' : guardian.state;
}

export async function getGuardian(school: SchoolRef, parentId: string): Promise<Guardian | undefined> {
  const { Item } = await dynamo.send(new GetCommand({ TableName: table('guardians'), Key: keys.guardian(school, parentId), ConsistentRead: true }));
  return Item ? toGuardian(Item) : undefined;
}

/** The parent ids the SIS names as this student's guardians (one query of the school's partition). */
export async function guardiansOfStudent(school: SchoolRef, studentId: string): Promise<string[]> {
  const { Items } = await dynamo.send(
    new QueryCommand({
      TableName: table('guardians'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.guardians(school), ':prefix': keys.guardiansOfStudent(studentId) },
      ConsistentRead: true,
    }),
  );
  return (Items ?? []).map((item) => item.parentId as string);
}

/** Every guardian of the school, in parent-id order (the status page's counts and its CSV). */
export async function allGuardians(school: SchoolRef): Promise<Guardian[]> {
  const guardians: Guardian[] = [];
  const pages = paginateQuery(
    { client: dynamo },
    {
      TableName: table('guardians'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.guardians(school), ':prefix': 'PARENT#' },
    },
  );
  for await (const page of pages) guardians.push(...(page.Items ?? []).map(toGuardian));
  return guardians;
}

export type NamedOutcome = 'unchanged' | 'written' | 'changed';

/**
 * Writes the children the SIS names for one guardian at one school, with their per-child items,
 * in one transaction (conditional on the list read, so two roster calls at once cannot lose a
 * child); a changed list is audited. A guardian whose account was linked through an invitation
 * and who is named a new child becomes `registered` again, so staff see it wants linking.
 */
export async function nameGuardian(
  school: SchoolRef,
  contact: { parentId: string; firstName: string; lastName: string; hasEmail: boolean },
  studentIds: readonly string[],
  audit: AuditEvent,
): Promise<NamedOutcome> {
  const existing = await getGuardian(school, contact.parentId);
  const next = [...new Set(studentIds)].sort();
  const before = existing?.studentIds ?? [];
  const sameChildren = before.length === next.length && before.every((id, i) => id === next[i]);
  if (!existing && next.length === 0) return 'unchanged';
  if (existing && sameChildren && existing.firstName === contact.firstName && existing.lastName === contact.lastName && existing.hasEmail === contact.hasEmail) return 'unchanged';
  const added = next.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !next.includes(id));
  const relinked = existing?.state === 'linked' && added.length > 0;
  const items: Named<TransactItem> = {
    guardian: {
      Update: {
        TableName: table('guardians'),
        Key: keys.guardian(school, contact.parentId),
        UpdateExpression:
          'SET districtId = :d, schoolId = :s, parentId = :p, firstName = :f, lastName = :l, hasEmail = :e, studentIds = :ids, #state = ' +
          (relinked ? ':registered' : 'if_not_exists(#state, :notInvited)'),
        ConditionExpression: existing ? 'studentIds = :before' : 'attribute_not_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':d': school.districtId, ':s': school.schoolId, ':p': contact.parentId, ':f': contact.firstName, ':l': contact.lastName,
          ':e': contact.hasEmail, ':ids': next, ...(relinked ? { ':registered': 'registered' } : { ':notInvited': 'not-invited' }),
          ...(existing ? { ':before': before } : {}),
        },
      },
    },
    ...numbered('named', added.map((studentId) => ({
      Put: { TableName: table('guardians'), Item: { ...keys.guardianOf(school, studentId, contact.parentId), parentId: contact.parentId, studentId } },
    }))),
    ...numbered('unnamed', removed.map((studentId) => ({ Delete: { TableName: table('guardians'), Key: keys.guardianOf(school, studentId, contact.parentId) } }))),
  };
  if (!sameChildren) items.audit = auditPut({ ...audit, details: { ...audit.details, added: added.length, removed: removed.length } });
  const cancelled = await transact(items);
  if (!cancelled) return 'written';
  if (cancelled.failed.has('guardian')) return 'changed';
  throw new Error(`Guardian write cancelled: ${cancelled.codes}`);
}

/**
 * Opens an invitation (a new one replaces any earlier: its links stop working) and queues its
 * mail, audited, in one transaction. Only a guardian with an email who has not accepted yet;
 * `byJob` makes a retried page's second attempt a no-op. False when the guardian is not invitable.
 */
export async function openInvitation(
  school: SchoolRef, parentId: string, invitation: Invitation, audit: AuditEvent, event: OutboxEvent, byJob?: string,
): Promise<boolean> {
  const cancelled = await transact({
    guardian: {
      Update: {
        TableName: table('guardians'),
        Key: keys.guardian(school, parentId),
        UpdateExpression: 'SET invitation = :invitation, #state = :invited' + (byJob ? ', invitedByJob = :job' : '') + ' REMOVE remindedByJob',
        ConditionExpression:
          'hasEmail = :yes AND #state <> :linked AND #state <> :registered' + (byJob ? ' AND (attribute_not_exists(invitedByJob) OR invitedByJob <> :job)' : ''),
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':invitation': invitation, ':invited': 'invited', ':yes': true, ':linked': 'linked', ':registered': 'registered', ...(byJob ? { ':job': byJob } : {}),
        },
      },
    },
    audit: auditPut(audit),
    notice: outboxPut(event),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('guardian')) return false;
  throw new Error(`Invitation cancelled: ${cancelled.codes}`);
}

/**
 * A reminder for an open invitation near its expiry, once per invitation (the condition names
 * it and the reminder not yet sent), audited and queued in one transaction.
 */
export async function queueReminder(school: SchoolRef, guardian: Guardian, audit: AuditEvent, event: OutboxEvent, byJob: string): Promise<boolean> {
  const cancelled = await transact({
    guardian: {
      Update: {
        TableName: table('guardians'),
        Key: keys.guardian(school, guardian.parentId),
        UpdateExpression: 'SET invitation.remindedAt = :at, remindedByJob = :job',
        ConditionExpression: 'invitation.id = :id AND attribute_not_exists(invitation.remindedAt) AND #state IN (:invited, :sent, :delivered)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':at': audit.at, ':job': byJob, ':id': guardian.invitation!.id, ':invited': 'invited', ':sent': 'sent', ':delivered': 'delivered' },
      },
    },
    audit: auditPut(audit),
    notice: outboxPut(event),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('guardian')) return false;
  throw new Error(`Reminder cancelled: ${cancelled.codes}`);
}

/**
 * The mail service adds the hash of the link it is about to send to the invitation it names;
 * false when that invitation was replaced, revoked or accepted meanwhile (nothing is sent). The
 * first mail moves `invited` to `sent`.
 */
export async function addInvitationLink(school: SchoolRef, parentId: string, invitationId: string, hash: string, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table('guardians'),
        Key: keys.guardian(school, parentId),
        UpdateExpression: 'SET invitation.hashes = list_append(if_not_exists(invitation.hashes, :none), :hash), invitation.sentAt = if_not_exists(invitation.sentAt, :at)',
        ConditionExpression: 'invitation.id = :id AND #state IN (:invited, :sent, :delivered)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':none': [], ':hash': [hash], ':at': at, ':id': invitationId, ':invited': 'invited', ':sent': 'sent', ':delivered': 'delivered' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** What became of an invitation's mail: `sent` (handed on), `delivered` or `bounced` (SES). Only while the invitation is open. */
export async function markInvitationMail(school: SchoolRef, parentId: string, invitationId: string, state: 'sent' | 'delivered' | 'bounced', at: string): Promise<boolean> {
  // A later report never moves the state back: delivered stays delivered when the mailer's own "sent" arrives late.
  const from = state === 'sent' ? [':invited'] : state === 'delivered' ? [':invited', ':sent'] : [':invited', ':sent', ':delivered'];
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table('guardians'),
        Key: keys.guardian(school, parentId),
        UpdateExpression: 'SET #state = :state' + (state === 'delivered' ? ', invitation.deliveredAt = :at' : ''),
        ConditionExpression: `invitation.id = :id AND #state IN (${from.join(', ')})`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': state, ':id': invitationId, ...(state === 'delivered' ? { ':at': at } : {}),
          ...Object.fromEntries(from.map((name) => [name, name.slice(1)])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Revokes an open invitation: its links stop working at once. False when none was open. */
export async function revokeInvitation(school: SchoolRef, parentId: string, audit: AuditEvent): Promise<boolean> {
  const cancelled = await transact({
    guardian: {
      Update: {
        TableName: table('guardians'),
        Key: keys.guardian(school, parentId),
        UpdateExpression: 'SET #state = :revoked REMOVE invitation',
        ConditionExpression: 'attribute_exists(invitation) AND #state IN (:invited, :sent, :delivered, :bounced)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':invited': 'invited', ':sent': 'sent', ':delivered': 'delivered', ':bounced': 'bounced' },
      },
    },
    audit: auditPut(audit),
  });
  if (!cancelled) return true;
  if (cancelled.failed.has('guardian')) return false;
  throw new Error(`Revoke cancelled: ${cancelled.codes}`);
}

/** What accepting an invitation changes on the parent's account. */
export interface AccountActivation {
  districtId: string;
  parentId: string;
  /** The session version read; the activation moves it on by one (every older session ends). */
  sessionVersion: number;
  /** A new password (hash), or none when the guardian registers a passkey instead. */
  passwordHash?: string;
  at: string;
}

/**
 * Accepting an invitation, all at once or not at all: the link used must be one of the open
 * invitation's and unexpired (single use: the invitation goes), the account is activated (its
 * guessable temporary password, lock and reset link gone, every session, browser trust and passkey
 * ended), and every named
 * child not yet linked is linked, each link audited in the school's trail. False when the
 * invitation or the account changed in between (nothing written).
 */
export async function acceptInvitation(
  school: SchoolRef, guardian: Guardian, hash: string, account: AccountActivation, links: readonly Link[], audits: readonly AuditEvent[],
): Promise<'accepted' | 'invalid' | 'changed'> {
  const setPassword = account.passwordHash !== undefined;
  const cancelled = await transact({
    guardian: {
      Update: {
        TableName: table('guardians'),
        Key: keys.guardian(school, guardian.parentId),
        UpdateExpression: 'SET #state = :linked, acceptedAt = :at REMOVE invitation',
        ConditionExpression: 'invitation.id = :id AND invitation.expiresAt > :at AND contains(invitation.hashes, :hash) AND #state IN (:invited, :sent, :delivered)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':linked': 'linked', ':at': account.at, ':id': guardian.invitation!.id, ':hash': hash, ':invited': 'invited', ':sent': 'sent', ':delivered': 'delivered',
        },
      },
    },
    account: {
      Update: {
        TableName: table('parents'),
        Key: keys.parent(account.districtId, account.parentId),
        UpdateExpression:
          'SET sessionVersion = :next, failedSignIns = :zero, activatedAt = :at' +
          (setPassword ? ', passwordHash = :hash, passwordSetAt = :at' : '') +
          // As a reset link does: every browser's trust (and every passkey) from before the link ends.
          ' ADD deviceGeneration :one REMOVE tempPassword, temporaryUsedAt, challengeId, challengeAttempts, lockedUntil, passwordReset, trustedDevices',
        ConditionExpression: 'attribute_exists(pk) AND (sessionVersion = :current OR (attribute_not_exists(sessionVersion) AND :current = :zero))',
        ExpressionAttributeValues: {
          ':next': account.sessionVersion + 1, ':current': account.sessionVersion, ':zero': 0, ':one': 1, ':at': account.at,
          ...(setPassword ? { ':hash': account.passwordHash } : {}),
        },
      },
    },
    ...Object.assign({}, ...links.map((link, i) => ({ [`link${i}`]: linkPut(link), [`student${i}`]: studentLinkUpdate(link, { linkedAt: link.linkedAt }) }))),
    ...numbered('audit', audits.map((event) => auditPut(event))),
  });
  if (!cancelled) return 'accepted';
  return cancelled.failed.has('guardian') ? 'invalid' : 'changed';
}

/** Transaction items an acceptance needs: DynamoDB takes at most 100 per transaction. */
export const acceptanceItems = (links: number, audits: number) => 2 + 2 * links + audits;

function toGuardian(item: Record<string, unknown>): Guardian {
  const { pk: _pk, sk: _sk, ...guardian } = item;
  return { ...schoolRef(guardian as unknown as SchoolRef), ...(guardian as unknown as Guardian) };
}
