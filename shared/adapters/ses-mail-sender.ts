import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { MailSender } from '../ports/mail-sender';

/**
 * SES v2 SendEmail with the stack's configuration set: SES then publishes the mail's bounce and
 * complaint events (Amazon SES Developer Guide, "Monitor email sending using Amazon SES event
 * publishing"), and the account's suppression list is applied by the set's suppression options.
 * Tag values allow only letters, digits, `_`, `-`, `.` and `@` (SES API Reference, "MessageTag"):
 * ids already are.
 */
export function sesMailSender(options: { from: string; configurationSet: string }): MailSender {
  const ses = new SESv2Client({});
  return {
    async send(mail) {
      const result = await ses.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [mail.to] },
          ConfigurationSetName: options.configurationSet,
          EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value })),
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
            },
          },
        }),
      );
      if (!result.MessageId) throw new Error('SES accepted the mail without a message id');
      return { messageId: result.MessageId };
    },
  };
}
