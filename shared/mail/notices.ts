import type { MailContent } from './render';

/**
 * What each notice says. Rules: a mail never carries a password or an access code; a child is
 * named masked, as the portal's preview names them ("E*** S."), since a mail can reach an old
 * or shared mailbox; every notice about a change says what to do if the reader did not expect it.
 */
export type NoticeFacts =
  | { type: 'parent.password-set'; userName: string }
  | { type: 'parent.contact-changed'; userName: string; toPrevious: boolean }
  | { type: 'parent.password-reset'; userName: string }
  | { type: 'link.created' | 'link.removed'; student: string; school: string }
  | { type: 'recovery.user-name'; userName: string }
  | { type: 'recovery.password-reset'; link: string; minutes: number }
  | { type: 'invitation.sent' | 'invitation.reminder'; link: string; school: string; expiresAt: string; children: string[]; schoolText?: string };

export interface NoticeContext {
  /** The school's name, or the district's portal for account notices. */
  sender: string;
  /** How to reach the school, when it says. */
  contactLine?: string;
  /** The portal's address, for a "sign in" button; absent when the deployment has none. */
  portalUrl?: string;
}

const NOT_YOU = 'If you did not expect this, contact the school.';

export function noticeContent(facts: NoticeFacts, context: NoticeContext): MailContent {
  const signIn = context.portalUrl ? { label: 'Open the parent portal', url: `${context.portalUrl}#/parent` } : undefined;
  const footer = [
    `You receive this because you are a parent or guardian contact of ${context.sender}.`,
    context.contactLine ?? '',
    'This mailbox is not read; do not reply.',
  ].filter(Boolean).join(' ');
  const base = { sender: context.sender, footer };
  switch (facts.type) {
    case 'parent.password-set':
      return {
        ...base,
        subject: 'Your parent portal password was reset',
        title: 'The school set a new temporary password',
        paragraphs: [
          `Staff set a temporary password on your parent portal account (user name ${facts.userName}). The school gives it to you; it is not in this mail.`,
          'Sign in with it and choose a password of your own; it expires after a few days.',
          `${NOT_YOU} Someone who has the temporary password could sign in as you.`,
        ],
        ...(signIn ? { action: signIn } : {}),
      };
    case 'parent.contact-changed':
      return {
        ...base,
        subject: 'Your parent portal contact details changed',
        title: facts.toPrevious ? 'Your parent portal account has a new contact' : 'Your contact details were updated',
        paragraphs: [
          facts.toPrevious
            ? `The school changed the user name or email of the parent portal account you were the contact for (user name now ${facts.userName}). Mail for it now goes to the new address.`
            : `The school updated the contact details of your parent portal account. Your user name is ${facts.userName}.`,
          NOT_YOU,
        ],
      };
    case 'parent.password-reset':
      return {
        ...base,
        subject: 'Your parent portal password was changed',
        title: 'Your password was changed',
        paragraphs: [
          `The password of your parent portal account (user name ${facts.userName}) was changed with a reset link sent to this address. Every browser that was signed in has been signed out.`,
          `${NOT_YOU} Someone may have access to your mailbox.`,
        ],
        ...(signIn ? { action: signIn } : {}),
      };
    case 'link.created':
      return {
        ...base,
        subject: 'A student was linked to your parent portal account',
        title: 'A student was added to your account',
        paragraphs: [
          `${facts.student} at ${facts.school} is now linked to your parent portal account: you can see this student's records.`,
          'If this is not your child, sign in, choose the student and press "This is not my child", or contact the school.',
        ],
        ...(signIn ? { action: signIn } : {}),
      };
    case 'link.removed':
      return {
        ...base,
        subject: 'A student was removed from your parent portal account',
        title: 'A student was removed from your account',
        paragraphs: [`${facts.student} at ${facts.school} is no longer linked to your parent portal account.`, NOT_YOU],
      };
    case 'recovery.user-name':
      return {
        ...base,
        subject: 'Your parent portal user name',
        title: 'Your user name',
        paragraphs: [
          `Someone asked for the user name of the parent portal account with this email address. It is: ${facts.userName}`,
          'If it was not you, you can ignore this mail: it gives nobody else access.',
        ],
        ...(signIn ? { action: signIn } : {}),
      };
    case 'recovery.password-reset':
      return {
        ...base,
        subject: 'Reset your parent portal password',
        title: 'Choose a new password',
        paragraphs: [
          'Someone asked to reset the password of the parent portal account with this email address. Use the link below to choose a new one.',
          'If it was not you, ignore this mail: your password stays as it is.',
        ],
        action: { label: 'Choose a new password', url: facts.link, note: `The link works once, for ${facts.minutes} minutes.` },
      };
    case 'invitation.sent':
    case 'invitation.reminder': {
      const until = new Date(facts.expiresAt).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
      const children = facts.children.length ? facts.children.join(', ') : 'your children';
      return {
        ...base,
        subject: facts.type === 'invitation.reminder' ? `Reminder: your parent portal invitation from ${facts.school} ends soon` : `${facts.school} invites you to the parent portal`,
        title: facts.type === 'invitation.reminder' ? 'Your invitation ends soon' : 'You are invited to the parent portal',
        paragraphs: [
          `${facts.school} invites you to see ${children} in the parent portal. The school's records name you as a parent or guardian.`,
          ...(facts.schoolText ? [facts.schoolText] : []),
          'Open the link (or scan the QR code below with your phone), check the children shown, and choose a password or a passkey. No code to type.',
          'If you do not know these children, do not accept the invitation; contact the school.',
        ],
        action: { label: 'Accept the invitation', url: facts.link, qr: true, note: `The link works once, until ${until}.${facts.type === 'invitation.reminder' ? ' The link in the first mail works too.' : ''}` },
      };
    }
  }
}
