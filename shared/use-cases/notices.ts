import { config } from '../config';
import { mailSender } from '../adapters';
import { maskedName } from '../domain/names';
import { newResetToken } from '../domain/reset-tokens';
import { getOutboxEvent, type OutboxEvent } from '../data/outbox';
import { getParent, type ParentAccount } from '../data/parents';
import { openPasswordReset } from '../data/parent-accounts';
import { getSchool } from '../data/schools';
import { getStudent } from '../data/student-profiles';
import { addressState, claimDelivery, markAddress, recordDelivery, releaseDelivery, type DeliveryOutcome } from '../data/mail';
import { noticeContent, type NoticeContext, type NoticeFacts } from '../mail/notices';
import { renderMail } from '../mail/render';
import { logger } from '../observability';

/**
 * Delivers one notice (the mailer, subscribed to the notice bus).
 *
 * Input: the id of an outbox event (the bus carries ids only). Output: per recipient, sent or why not.
 * 1. Read the event and the parent's current contact: mail goes to the address on file now, and
 *    for a changed contact to the previous address too, so a hijacked contact is noticed.
 * 2. Per recipient, claim the delivery (a retried event sends once), skip an address SES reported
 *    as bounced or complained, build the notice's words and send it.
 * 3. A reset link is made here, as it is sent: its token is in no event, log or table.
 * A failure to send gives the claim back and throws, so the event's retry (and then the DLQ) decides.
 */
export async function deliverNotice(eventId: string, now = new Date()): Promise<DeliveryOutcome[]> {
  const event = await getOutboxEvent(eventId);
  if (!event) return [{ status: 'skipped', reason: 'expired' }];
  if (event.type === 'recovery.unmatched') return [{ status: 'skipped', reason: 'no-account' }];
  const parent = await getParent(event.districtId, event.parentId);
  const recipients = parent ? recipientsOf(event, parent) : [];
  if (!parent || !recipients.length) return [await settle(eventId, 0, { status: 'skipped', reason: parent ? 'no-address' : 'no-account' }, now)];
  const context = await contextOf(event);
  const outcomes: DeliveryOutcome[] = [];
  for (const [to, recipient] of recipients.entries()) {
    if (!recipient) continue;
    if (!(await claimDelivery(eventId, to, now.toISOString()))) continue;
    const stopped = await addressState(event.districtId, recipient.email);
    if (stopped) {
      outcomes.push(await settle(eventId, to, { status: 'skipped', reason: stopped.state }, now, false));
      continue;
    }
    try {
      const facts = await factsOf(event, parent, recipient.previous, now);
      const mail = renderMail(noticeContent(facts, context));
      const { messageId } = await (await mailSender()).send({ to: recipient.email, ...mail, tags: { district: event.districtId, notice: event.type.replace('.', '-') } });
      outcomes.push(await settle(eventId, to, { status: 'sent', messageId }, now, false));
    } catch (error) {
      await releaseDelivery(eventId, to);
      logger.error('Notice not sent', { eventId, type: event.type, error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  }
  return outcomes;
}

async function settle(eventId: string, to: number, outcome: DeliveryOutcome, now: Date, claim = true): Promise<DeliveryOutcome> {
  if (claim && !(await claimDelivery(eventId, to, now.toISOString()))) return outcome;
  await recordDelivery(eventId, to, outcome, new Date().toISOString());
  logger.info('Notice settled', { eventId, to, status: outcome.status, ...(outcome.status === 'skipped' ? { reason: outcome.reason } : {}) });
  return outcome;
}

/** Place 0: the address on file; place 1: the previous one, for a contact change only. */
function recipientsOf(event: OutboxEvent, parent: ParentAccount): ({ email: string; previous: boolean } | undefined)[] {
  const current = parent.email ? { email: parent.email, previous: false } : undefined;
  const before = parent.previousContact?.email;
  const previous = event.type === 'parent.contact-changed' && before && before.toLowerCase() !== parent.email?.toLowerCase() ? { email: before, previous: true } : undefined;
  return current || previous ? [current, previous] : [];
}

async function contextOf(event: OutboxEvent): Promise<NoticeContext> {
  const school = event.schoolId ? await getSchool({ districtId: event.districtId, schoolId: event.schoolId }) : undefined;
  return {
    sender: school?.name ?? 'Your school district’s parent portal',
    ...(school?.contactLine ? { contactLine: school.contactLine } : {}),
    ...(config.PORTAL_URL ? { portalUrl: config.PORTAL_URL } : {}),
  };
}

async function factsOf(event: OutboxEvent & { eventId: string }, parent: ParentAccount, toPrevious: boolean, now: Date): Promise<NoticeFacts> {
  switch (event.type) {
    case 'parent.password-set':
    case 'parent.password-reset':
    case 'recovery.user-name':
      return { type: event.type, userName: parent.userName };
    case 'parent.contact-changed':
      return { type: event.type, userName: parent.userName, toPrevious };
    case 'link.created':
    case 'link.removed': {
      const ref = { districtId: event.districtId, schoolId: event.schoolId! };
      const [school, student] = await Promise.all([getSchool(ref), getStudent(ref, event.studentId!)]);
      return { type: event.type, school: school?.name ?? event.schoolId!, student: student ? maskedName(student.firstName, student.lastName) : 'A student' };
    }
    case 'recovery.password-reset': {
      if (!config.PORTAL_URL) throw new Error('No PORTAL_URL: a reset link needs the portal address');
      const { token, hash } = newResetToken(parent.parentId);
      const expiresAt = new Date(now.getTime() + config.PASSWORD_RESET_MINUTES * 60_000).toISOString();
      if (!(await openPasswordReset(parent, { hash, expiresAt, eventId: event.eventId }))) throw new Error('Parent gone before the reset link was opened');
      // The fragment never reaches a server, so the token is in no access log.
      const link = `${config.PORTAL_URL}#/parent/reset?district=${encodeURIComponent(event.districtId)}&token=${encodeURIComponent(token)}`;
      return { type: event.type, link, minutes: config.PASSWORD_RESET_MINUTES };
    }
    case 'recovery.unmatched':
      throw new Error('An unmatched request has no mail');
  }
}

/** What SES tells about a mail it could not deliver or that was marked as spam (through EventBridge). */
export interface MailFeedback {
  eventType: 'Bounce' | 'Complaint' | string;
  districtId?: string;
  bounceType?: string;
  recipients: string[];
  at: string;
}

/**
 * Records a permanent bounce or a complaint against the district's address, so no notice goes to
 * it again (SES's account-level suppression list stops it too; this is what staff and the mailer
 * see). Transient bounces (a full mailbox) stop nothing. Returns how many addresses were marked.
 */
export async function recordMailFeedback(feedback: MailFeedback): Promise<number> {
  if (!feedback.districtId) return 0;
  const state = feedback.eventType === 'Complaint' ? 'complained' : feedback.eventType === 'Bounce' && feedback.bounceType === 'Permanent' ? 'bounced' : undefined;
  if (!state) return 0;
  for (const email of feedback.recipients) await markAddress(feedback.districtId, email, state, feedback.at);
  logger.info('Mail feedback recorded', { state, addresses: feedback.recipients.length });
  return feedback.recipients.length;
}
