import { MAIL_LAYOUT_PLAIN, MAIL_LAYOUT_WITH_ACTION } from './layouts.generated';
import { qrTable } from './qr-table';

/**
 * A mail as words, before it is laid out: the same content makes the text part and the HTML part
 * (MJML's layout, compiled ahead of time), so the two never say different things.
 */
export interface MailContent {
  subject: string;
  /** The heading; also the inbox preview line. */
  title: string;
  paragraphs: string[];
  /** A button (and in the text part, the plain link) with a note under it, such as how long it works. */
  /** `qr`: the link also as a QR code (an HTML table), to open it on a phone while reading on a computer. */
  action?: { label: string; url: string; note?: string; qr?: boolean };
  /** Who sends it (the school or the district) and why the reader gets it. */
  sender: string;
  footer: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Every value is escaped before it enters the HTML: names and school texts come from the roster. */
export function renderMail(content: MailContent): RenderedMail {
  const slots: Record<string, string> = {
    subject: escapeHtml(content.subject),
    preview: escapeHtml(content.title),
    school: escapeHtml(content.sender),
    title: escapeHtml(content.title),
    body: content.paragraphs.map(escapeHtml).join('<br /><br />'),
    footer: escapeHtml(content.footer),
    actionUrl: escapeHtml(content.action?.url ?? ''),
    actionLabel: escapeHtml(content.action?.label ?? ''),
    actionNote: escapeHtml(content.action?.note ?? ''),
    // Built from the matrix alone: no roster text reaches it.
    qr: content.action?.qr ? `<div style="padding:8px 25px">${qrTable(content.action.url)}</div>` : '',
  };
  const layout = content.action ? MAIL_LAYOUT_WITH_ACTION : MAIL_LAYOUT_PLAIN;
  // One pass over the layout's own markers: a value that happens to contain "{{x}}" stays text.
  const html = layout.replace(/\{\{([a-zA-Z]+)\}\}/g, (marker, name: string) => slots[name] ?? marker);
  const text = [
    content.sender,
    '',
    content.title,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ...(content.action.note ? [content.action.note] : []), ''] : []),
    '--',
    content.footer,
    '',
  ].join('\n');
  return { subject: content.subject, text, html };
}
