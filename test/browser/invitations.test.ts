import type { Page } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { readLocalMail, type LocalMail } from '../../infra/local/mail-local';
import { openBrowser, screenshot, seriousViolations, shown, type Browser } from '../support/browser';

/**
 * Invitations in Debian's Chromium against `npm start`'s stack: staff invite a guardian from the
 * Invitations page; the mail arrives in the stack's SMTP server; the guardian follows its link,
 * sees the two children the roster names (masked), confirms, registers a passkey with Chromium's
 * virtual authenticator instead of a password, is linked to both at once, signs out and signs in
 * with the passkey; staff see the guardian as linked. Then a lost-code request from the sign-in
 * page mails an invitation to the address on file. Guardians p0201 (children s0201 and s0451)
 * and p0222 are used by no other browser test. The portal is opened at localhost: WebAuthn
 * refuses an IP address as relying party.
 */
const url = () => process.env.CONSOLE_URL!;
const localhostUrl = () => url().replace('//127.0.0.1:', '//localhost:');
const SCHOOL = 'demo-school';
const INVITED = 'p0201';
const LOST = 'p0222';
const SUBJECT = 'Lincoln Elementary (demo) invites you to the parent portal';
// Other browser tests' bulk jobs share the stack (and its mailer): on a loaded machine a mail can wait.
const TEST_MS = 300_000;

let browser: Browser;
let staff: Page;
let staffToken: string;

beforeAll(async () => {
  browser = await openBrowser();
  staff = await browser.person();
  await staff.goto(`${url()}/#/staff`);
  await (await shown(staff.getByRole('button', { name: 'Sign in', exact: true }))).click();
  await (await shown(staff.getByRole('button', { name: /Pat Principal/ }))).click();
  await shown(staff.getByRole('table', { name: 'Students' }).locator('tbody tr').first());
  staffToken = (await staff.evaluate(() => sessionStorage.getItem('parent-access.staff-token')))!;
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function api(path: string) {
  const response = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${staffToken}` } });
  return (await response.json()) as Record<string, any>;
}

/** The stack's relay hands notices on every second; wait for the mail as long as the test may last. */
async function mailTo(parentId: string, subject: string): Promise<LocalMail> {
  const address = `parent${Number(parentId.slice(1))}@example.org`;
  for (;;) {
    const mail = readLocalMail(process.env.STACK_MAIL_DIR!, address).find((m) => m.subject === subject);
    if (mail) return mail;
    await new Promise((done) => setTimeout(done, 200));
  }
}

function activationLink(mail: LocalMail): string {
  const link = /(http\S+#\/parent\/activate\?\S+)/.exec(mail.text)?.[1];
  expect(link).toBeDefined();
  expect(link!.startsWith(url())).toBe(true);
  return link!.replace(url(), localhostUrl());
}

test('staff invite a guardian; the guardian confirms the masked children, chooses a passkey, is linked to both, and signs in with it', async () => {
  // Where the guardian sits in the "Not invited" list (name order, 50 a page), as the API lists it.
  const waiting = await api(`/schools/${SCHOOL}/guardians?state=not-invited&limit=200`);
  const index = (waiting.items as { parentId: string }[]).findIndex((g) => g.parentId === INVITED);
  expect(index).toBeGreaterThanOrEqual(0);
  const guardian = waiting.items[index];

  await staff.getByRole('link', { name: 'Invitations' }).click();
  await shown(staff.getByRole('table', { name: 'Guardians' }));
  await staff.getByRole('button', { name: /^Not invited \(\d+\)$/ }).click();
  for (let page = 0; page < Math.floor(index / 50); page++) await staff.getByRole('button', { name: 'Next' }).click();
  const row = staff.getByRole('table', { name: 'Guardians' }).locator('tbody tr').nth(index % 50);
  expect(await (await shown(row.getByRole('rowheader'))).innerText()).toBe(`${guardian.firstName} ${guardian.lastName}`);
  await row.getByRole('button', { name: 'Invite' }).click();
  await shown(staff.getByRole('status').filter({ hasText: '1 invitation queued for mail.' }));
  expect(await seriousViolations(staff)).toEqual([]);
  await screenshot(staff, 'invitations');

  const mail = await mailTo(INVITED, SUBJECT);
  expect(mail.text).toMatch(/to see \S+\*\*\* \S+\., \S+\*\*\* \S+\. in the parent portal/);
  const mailPage = await browser.person();
  await mailPage.setContent(mail.html);
  await screenshot(mailPage, 'invitation-mail');
  // The mail's QR code (an HTML table) as Chromium draws it, decoded: the same link as the button.
  const png = PNG.sync.read(await mailPage.getByRole('img', { name: 'QR code of the link above' }).screenshot());
  expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(/(http\S+#\/parent\/activate\?\S+)/.exec(mail.text)![1]);
  // Under the size at which Gmail clips a message (102 KB).
  expect(Buffer.byteLength(mail.html)).toBeLessThan(102 * 1024);

  // The guardian's browser, with a platform authenticator that holds passkeys.
  const parent = await browser.person();
  const cdp = await parent.context().newCDPSession(parent);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await parent.goto(activationLink(mail));
  await shown(parent.getByRole('heading', { name: 'Are these your children?' }));
  // The token leaves the address bar at once.
  expect(parent.url()).toBe(`${localhostUrl()}/#/parent/activate`);
  const children = parent.getByRole('listitem');
  expect(await children.count()).toBe(2);
  expect(await children.first().innerText()).toMatch(/^\S+\*\*\* \S+\., grade \w+$/);
  expect(await seriousViolations(parent)).toEqual([]);
  await screenshot(parent, 'parent-activation');
  // Nothing is linked until the guardian says so, and the confirm is not pre-focused.
  expect(await parent.evaluate('document.activeElement && document.activeElement.tagName === "BUTTON" ? document.activeElement.textContent : ""')).not.toContain('These are my children');
  await parent.getByRole('button', { name: 'These are my children' }).click();
  await parent.getByRole('button', { name: 'Use a passkey instead and link my children' }).click();
  await shown(parent.getByRole('heading', { name: 'My students' }));
  const students = parent.getByRole('list', { name: 'My students' }).getByRole('listitem');
  await shown(students.nth(1));
  expect(await students.count()).toBe(2);
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);

  // Signed out and back with the passkey alone.
  await parent.getByRole('button', { name: 'Sign out', exact: true }).click();
  await parent.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await shown(parent.getByRole('heading', { name: 'My students' }));

  // The link worked once.
  const again = await browser.person();
  await again.goto(activationLink(mail));
  await shown(again.getByText('This invitation link is not valid'));

  // Staff see the guardian linked (the list is read again when the filter changes).
  await staff.getByRole('button', { name: /^All \(\d+\)$/ }).click();
  await staff.getByRole('button', { name: /^Linked \([1-9]\d*\)$/ }).click();
  await shown(staff.getByRole('table', { name: 'Guardians' }).getByRole('rowheader', { name: `${guardian.firstName} ${guardian.lastName}` }).first());
  expect(browser.problems).toEqual([]);
}, TEST_MS);

test('a lost-code request from the sign-in page mails an invitation to the address on file, and says only that', async () => {
  // Guardian p0222's first child, s0222 (student number 240222), as the roster has it.
  const student = (await api(`/schools/${SCHOOL}/students?q=240222`)).items[0];
  expect(student.studentId).toBe('s0222');
  const parent = await browser.person();
  await parent.goto(`${url()}/#/parent`);
  await (await shown(parent.getByRole('link', { name: 'Lost your letter?' }))).click();
  await (await shown(parent.getByLabel(/^School/))).fill(SCHOOL);
  await parent.getByLabel('Student’s first name').fill(student.firstName);
  await parent.getByLabel('Student’s last name').fill(student.lastName);
  await parent.getByLabel('Student number').fill(student.studentNumber);
  await parent.getByRole('button', { name: 'Mail an invitation to the address on file' }).click();
  await shown(parent.getByRole('status').filter({ hasText: 'It never goes to an address typed here.' }));
  expect(await seriousViolations(parent)).toEqual([]);
  const mail = await mailTo(LOST, SUBJECT);
  expect(mail.to).toEqual([`parent${Number(LOST.slice(1))}@example.org`]);
}, TEST_MS);
