import { createTransport } from 'nodemailer';
import type { MailSender } from '../ports/mail-sender';

/**
 * SMTP with nodemailer, to the local mail server `npm start` and the tests run. Tags travel as
 * `X-Tag-*` headers so the local server keeps what SES would return with its events.
 */
export function smtpMailSender(options: { url: string; from: string }): MailSender {
  const transport = createTransport(options.url);
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: Object.fromEntries(Object.entries(mail.tags).map(([name, value]) => [`X-Tag-${name}`, value])),
      });
      return { messageId: info.messageId };
    },
  };
}
