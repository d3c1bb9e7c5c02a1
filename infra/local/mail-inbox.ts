import type { IncomingMessage, ServerResponse } from 'node:http';
import { readLocalMail } from './mail-local';

/**
 * The local inbox page (`npm start`): /_local/mail lists every mail the local SMTP server
 * received, newest first; /_local/mail/<id> shows one as its recipient would see it. A mail's
 * HTML is served under a CSP sandbox with no scripts, since it is content, not our page.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function mailInbox(directory: string) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (req.method !== 'GET' || (url.pathname !== '/_local/mail' && !url.pathname.startsWith('/_local/mail/'))) return false;
    const mails = readLocalMail(directory).reverse();
    const id = url.pathname.slice('/_local/mail/'.length);
    if (id) {
      const plain = id.endsWith('.txt');
      const mail = mails.find((m) => m.id === (plain ? id.slice(0, -4) : id));
      if (!mail) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No such mail');
        return true;
      }
      res.writeHead(200, {
        'content-type': plain ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
        'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        'x-content-type-options': 'nosniff',
      });
      res.end(plain ? mail.text : mail.html || `<pre>${escape(mail.text)}</pre>`);
      return true;
    }
    const rows = mails
      .map((m) => `<tr><td>${escape(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${escape(m.to.join(', '))}</td><td><a href="/_local/mail/${m.id}">${escape(m.subject)}</a></td><td><a href="/_local/mail/${m.id}.txt">text</a></td></tr>`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local mail</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #ddd;text-align:start}</style></head>
<body><h1>Local mail</h1><p>Every mail the local service sent (${mails.length}), newest first. In AWS these go out through SES.</p>
<table><thead><tr><th scope="col">Received (UTC)</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Text part</th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
    return true;
  };
}
