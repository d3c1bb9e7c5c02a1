import { config } from '../config';
import { mailSender } from '../adapters';
import { maskedName } from '../domain/names';
import { newResetToken } from '../domain/reset-tokens';
import { getOutboxEvent, type OutboxEvent } from '../data/outbox';
import { getParent, type ParentAccount } from '../data/parents';
import { openPasswordReset } from '../data/parent-accounts';
import { getSchool } from '../data/schools';
import { getStudent } from '../data/student-profiles';
import { addInvitationLink, getGuardian, markInvitationMail } from '../data/guardians';
import { getStudents } from '../data/student-profiles';
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
    const invitation = isInvitation(event) ? { districtId: event.districtId, schoolId: event.schoolId!, parentId: event.parentId, id: event.invitationId! } : undefined;
    if (stopped) {
      if (invitation) await markInvitationMail(invitation, invitation.parentId, invitation.id, 'bounced', now.toISOString());
      outcomes.push(await settle(eventId, to, { status: 'skipped', reason: stopped.state }, now, false));
      continue;
    }
    try {
      const facts = await factsOf(event, parent, recipient.previous, now);
      if (!facts) {
        outcomes.push(await settle(eventId, to, { status: 'skipped', reason: 'superseded' }, now, false));
        continue;
      }
      const mail = renderMail(noticeContent(facts, context));
      const tags = { district: event.districtId, notice: event.type.replace('.', '-'), ...(invitation ? { school: invitation.schoolId, parent: invitation.parentId, invitation: invitation.id } : {}) };
      const { messageId } = await (await mailSender()).send({ to: recipient.email, ...mail, tags });
      if (invitation) await markInvitationMail(invitation, invitation.parentId, invitation.id, 'sent', new Date().toISOString());
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

const isInvitation = (event: OutboxEvent) => event.type === 'invitation.sent' || event.type === 'invitation.reminder';

/** The words of a notice; undefined when it no longer applies (an invitation replaced, revoked or accepted since). */
async function factsOf(event: OutboxEvent & { eventId: string }, parent: ParentAccount, toPrevious: boolean, now: Date): Promise<NoticeFacts | undefined> {
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
    case 'invitation.sent':
    case 'invitation.reminder':
      return invitationFacts(event, now);
    case 'recovery.unmatched':
      throw new Error('An unmatched request has no mail');
  }
}

/**
 * An invitation's mail: a fresh link (its hash added to the invitation it names, which must still
 * be open), the children the SIS names, masked, and the school's own words.
 */
async function invitationFacts(event: OutboxEvent & { eventId: string }, now: Date): Promise<NoticeFacts | undefined> {
  if (!config.PORTAL_URL) throw new Error('No PORTAL_URL: an invitation needs the portal address');
  const school = await getSchool({ districtId: event.districtId, schoolId: event.schoolId! });
  const guardian = school ? await getGuardian(school, event.parentId) : undefined;
  if (!school || !guardian?.invitation || guardian.invitation.id !== event.invitationId) return undefined;
  const { token, hash } = newResetToken(event.parentId);
  if (!(await addInvitationLink(school, event.parentId, event.invitationId, hash, now.toISOString()))) return undefined;
  const students = await getStudents(school, guardian.studentIds);
  const link =
    `${config.PORTAL_URL}#/parent/activate?district=${encodeURIComponent(event.districtId)}&school=${encodeURIComponent(school.schoolId)}&token=${encodeURIComponent(token)}`;
  return {
    type: event.type as 'invitation.sent' | 'invitation.reminder',
    link,
    school: school.name,
    expiresAt: guardian.invitation.expiresAt,
    children: guardian.studentIds.flatMap((id) => {
      const student = students.get(id);
      return student ? [maskedName(student.firstName, student.lastName)] : [];
    }),
    ...(school.invitationText ? { schoolText: school.invitationText } : {}),
  };
}

/** What SES tells about a mail it could not deliver or that was marked as spam (through EventBridge). */
export interface MailFeedback {
  eventType: 'Bounce' | 'Complaint' | string;
  districtId?: string;
  bounceType?: string;
  recipients: string[];
  at: string;
  /** The invitation the mail carried (its tags), so the guardian's status shows delivered or bounced. */
  invitation?: { schoolId: string; parentId: string; invitationId: string };
}

/**
 * Records a permanent bounce or a complaint against the district's address, so no notice goes to
 * it again (SES's account-level suppression list stops it too; this is what staff and the mailer
 * see). Transient bounces (a full mailbox) stop nothing. Returns how many addresses were marked.
 */
export async function recordMailFeedback(feedback: MailFeedback): Promise<number> {
  if (!feedback.districtId) return 0;
  const state = feedback.eventType === 'Complaint' ? 'complained' : feedback.eventType === 'Bounce' && feedback.bounceType === 'Permanent' ? 'bounced' : undefined;
  const invitation = feedback.invitation;
  if (invitation && (state || feedback.eventType === 'Delivery')) {
    const school = { districtId: feedback.districtId, schoolId: invitation.schoolId };
    await markInvitationMail(school, invitation.parentId, invitation.invitationId, state ? 'bounced' : 'delivered', feedback.at);
  }
  if (!state) return 0;
  for (const email of feedback.recipients) await markAddress(feedback.districtId, email, state, feedback.at);
  logger.info('Mail feedback recorded', { state, addresses: feedback.recipients.length });
  return feedback.recipients.length;
}
