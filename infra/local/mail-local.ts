import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { listenOnPort, type PortRequest } from './dynamodb-local';

/**
 * A real SMTP server for `npm start` and the tests (smtp-server, from nodemailer's authors): the
 * mailer sends to it over SMTP with nodemailer, as it sends to SES in AWS. Every mail received is
 * parsed (mailparser) and kept as one JSON file in `directory` (under .local-data/mail/), which
 * the local inbox page lists and the tests read. It accepts mail for any address and relays none.
 */
export interface LocalMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The `X-Tag-*` headers: what SES would return with its events (district, notice type). */
  tags: Record<string, string>;
}

export interface RunningMail {
  /** For MAIL_SMTP_URL. */
  url: string;
  port: number;
  directory: string;
  stop(): Promise<void>;
}

/** SES refuses a message over 40 MB (SES Developer Guide, "Service quotas"); our notices are a few KB. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export async function startMailLocal(options: { directory: string; port?: number | PortRequest }): Promise<RunningMail> {
  mkdirSync(options.directory, { recursive: true });
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Parent Access local mail',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const tags = Object.fromEntries(
            [...parsed.headers].filter(([name]) => name.startsWith('x-tag-')).map(([name, value]) => [name.slice('x-tag-'.length), String(value)]),
          );
          const mail: LocalMail = {
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            tags,
          };
          // Sortable names: the inbox and the tests read them in arrival order.
          writeFileSync(join(options.directory, `${mail.receivedAt.replace(/[:.]/g, '-')}-${mail.id}.json`), JSON.stringify(mail));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const server = (smtp as unknown as { server: Server }).server;
  const request = typeof options.port === 'number' ? { port: options.port, explicit: true, label: 'port' } : options.port;
  const port = await listenOnPort(server as never, request, '127.0.0.1');
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    directory: options.directory,
    stop: () => new Promise<void>((done) => smtp.close(() => done())),
  };
}

/** The mails received, oldest first; `to` keeps those addressed to one address (case-insensitive). */
export function readLocalMail(directory: string, to?: string): LocalMail[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const mails = names.map((name) => JSON.parse(readFileSync(join(directory, name), 'utf8')) as LocalMail);
  return to ? mails.filter((mail) => mail.to.some((address) => address.toLowerCase() === to.toLowerCase())) : mails;
}
