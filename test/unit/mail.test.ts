import { readFileSync } from 'node:fs';
import { compiledLayouts, LAYOUTS_FILE } from '../../infra/write-mail-layouts';
import { noticeContent, type NoticeFacts } from '../../shared/mail/notices';
import { renderMail } from '../../shared/mail/render';
import { newResetToken, readResetToken } from '../../shared/domain/reset-tokens';

test('the compiled mail layouts are those of shared/mail/layout.mjml (npm run mail-layouts)', async () => {
  expect(readFileSync(LAYOUTS_FILE, 'utf8')).toBe(await compiledLayouts());
});

test('roster text enters the HTML part escaped, and a value shaped like a slot stays text', () => {
  const mail = renderMail(
    noticeContent({ type: 'link.created', student: 'E*** S.', school: '<script>alert(1)</script> {{footer}}' }, { sender: 'Lincoln & Co "MS"', portalUrl: 'http://127.0.0.1:3000/' }),
  );
  expect(mail.html).not.toContain('<script>alert(1)');
  expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{footer}}');
  expect(mail.html).toContain('Lincoln &amp; Co &quot;MS&quot;');
  expect(mail.text).toContain('<script>alert(1)</script> {{footer}}');
  expect(mail.html).not.toMatch(/\{\{(subject|preview|school|title|body|actionUrl|actionLabel|actionNote)\}\}/);
});

test('every notice has a subject, says what to do, and only the reset mail carries a link other than the portal', () => {
  const all: NoticeFacts[] = [
    { type: 'parent.password-set', userName: 'u' },
    { type: 'parent.contact-changed', userName: 'u', toPrevious: true },
    { type: 'parent.password-reset', userName: 'u' },
    { type: 'link.created', student: 'E*** S.', school: 'S' },
    { type: 'link.removed', student: 'E*** S.', school: 'S' },
    { type: 'recovery.user-name', userName: 'u' },
    { type: 'recovery.password-reset', link: 'http://p/#/parent/reset?token=t', minutes: 30 },
  ];
  for (const facts of all) {
    const content = noticeContent(facts, { sender: 'S', portalUrl: 'http://p/' });
    expect(content.subject.length).toBeGreaterThan(5);
    const url = content.action?.url ?? 'none';
    expect({ type: facts.type, portal: ['none', 'http://p/#/parent'].includes(url) || facts.type === 'recovery.password-reset' }).toEqual({ type: facts.type, portal: true });
  }
});

test('a reset token names its account and hashes its secret; anything else is not a token', () => {
  const { token, hash } = newResetToken('p-0042');
  expect(readResetToken(token)).toEqual({ parentId: 'p-0042', hash });
  expect(newResetToken('p-0042').hash).not.toBe(hash);
  for (const bad of ['', 'x', `${token}x`, token.replace('.', ''), `a.${'b'.repeat(42)}`]) expect(readResetToken(bad)).toBeUndefined();
});
