import type { TableName } from '../shared/data/table-schema';
import type { Access } from '../shared/contract/route';

/**
 * The mail service's functions, declared once: the CDK construct makes each with exactly these
 * grants, and the local notice relay runs each handler inside the same ones.
 */
export interface MailFunctionDefinition {
  name: string;
  entry: string;
  tables: Partial<Record<TableName, Access>>;
  timeoutSeconds: number;
}

export const MAIL_FUNCTIONS = {
  /** Renders and sends one notice; opens a reset link on the parent as it sends it. */
  sendNotice: {
    name: 'send-notice',
    entry: 'functions/mail/send-notice.ts',
    tables: {
      outbox: ['GetItem'],
      parents: ['GetItem', 'UpdateItem'],
      schools: ['GetItem'],
      students: ['GetItem', 'BatchGetItem'],
      guardians: ['GetItem', 'UpdateItem'],
      mail: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
    },
    timeoutSeconds: 30,
  },
  /** Marks addresses SES reported as bounced or complained, and an invitation's mail as delivered or bounced. */
  mailFeedback: { name: 'mail-feedback', entry: 'functions/mail/mail-feedback.ts', tables: { mail: ['PutItem'], guardians: ['UpdateItem'] }, timeoutSeconds: 10 },
} as const satisfies Record<string, MailFunctionDefinition>;
