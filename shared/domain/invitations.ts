/**
 * Invitations by mail: how long a link works unless the school says otherwise (ParentSquare's
 * expire after 10 days, the issue asks 14), when the reminder goes (Clever reminds "on the last
 * day"; two days leaves a weekend), and how many children one acceptance may link (each takes
 * three of a transaction's 100 items).
 */
export const INVITATION_DAYS = 14;
export const REMINDER_DAYS_BEFORE_EXPIRY = 2;
export const MAX_NAMED_CHILDREN = 20;
/** Guardians one request may invite or remind; more (a grade, the school) is a bulk job. */
export const MAX_INVITES_PER_REQUEST = 50;
/** Lost-code requests per student and per address in a throttle window. */
export const LOST_CODE_MAX_PER_STUDENT = 3;

const DAY_MS = 86_400_000;

export function invitationExpiry(now: Date, days = INVITATION_DAYS): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** Whether an open invitation is due its reminder: it expires within the reminder window and has not had one. */
export function reminderDue(invitation: { expiresAt: string; remindedAt?: string }, now: Date): boolean {
  const left = Date.parse(invitation.expiresAt) - now.getTime();
  return !invitation.remindedAt && left > 0 && left <= REMINDER_DAYS_BEFORE_EXPIRY * DAY_MS;
}

/**
 * Where a guardian stands: `invited` (the mail is queued), `sent` (the mail service handed it
 * on), `delivered` (SES reported delivery), `bounced` (or complained: nothing more is sent),
 * `revoked`, `linked` (accepted: an account and every named child linked), `registered`
 * (accepted, but the roster has named a child since). `expired` is read, not stored.
 */
export type StoredGuardianState = 'not-invited' | 'invited' | 'sent' | 'delivered' | 'bounced' | 'revoked' | 'registered' | 'linked';
export type GuardianState = StoredGuardianState | 'expired' | 'no-email';
export const GUARDIAN_STATES: readonly GuardianState[] = ['no-email', 'not-invited', 'invited', 'sent', 'delivered', 'bounced', 'expired', 'revoked', 'registered', 'linked'];
