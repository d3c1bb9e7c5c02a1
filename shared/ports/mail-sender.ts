/**
 * Sends one mail to one recipient: SES v2 in AWS (through the stack's configuration set, so
 * bounces and complaints come back as events), SMTP to the local mail server off AWS.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Small, non-personal facts that come back with SES's delivery events (the district, the notice type). */
  tags: Record<string, string>;
}

export interface MailSender {
  /** The provider's message id once it accepted the mail; throws when it did not. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}
