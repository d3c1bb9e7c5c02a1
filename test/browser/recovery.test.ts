import { readLocalMail } from '../../infra/local/mail-local';
import { openBrowser, shown, type Browser } from '../support/browser';

/**
 * Self-service recovery in Debian's Chromium against `npm start`'s stack: the parent asks for
 * their user name and a reset link from the sign-in page, the mails arrive in the stack's local
 * SMTP server, the parent follows the link, chooses a password and signs in with it. Parent
 * p0377 (parent377@example.org) is used by no other browser test.
 */
const url = () => process.env.CONSOLE_URL!;
const EMAIL = 'parent377@example.org';
const NEW_PASSWORD = 'copper-lantern-valley-58';

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The stack's relay hands notices on every second; wait for the mail, as a parent would, as long as the test may last. */
async function mailWith(subject: string) {
  for (;;) {
    const mail = readLocalMail(process.env.STACK_MAIL_DIR!, EMAIL).find((m) => m.subject === subject);
    if (mail) return mail;
    await new Promise((done) => setTimeout(done, 200));
  }
}

// Other browser tests' bulk jobs share the stack (and its mailer): on a loaded machine a mail can wait.
const TEST_MS = 300_000;

test('a parent recovers the user name and resets the password by mail, then signs in with it', async () => {
  const parent = await browser.person();
  await parent.goto(`${url()}/#/parent`);
  await (await shown(parent.getByRole('link', { name: 'Forgot your user name or password?' }))).click();
  await (await shown(parent.getByLabel('Email address the school has for you'))).fill(EMAIL);
  await parent.getByRole('button', { name: 'Mail me my user name' }).click();
  await shown(parent.getByRole('status').filter({ hasText: 'If an account matches, a mail is on its way' }));

  const userNameMail = await mailWith('Your parent portal user name');
  const userName = /It is: (\S+)/.exec(userNameMail.text)![1]!;
  expect(userName).toMatch(/\.377$/);

  await parent.getByLabel('User name').fill(userName);
  await parent.getByRole('button', { name: 'Mail me a reset link' }).click();
  const resetMail = await mailWith('Reset your parent portal password');
  const link = /(http\S+#\/parent\/reset\?\S+)/.exec(resetMail.text)![1]!;
  expect(link.startsWith(url())).toBe(true);

  // The link opens the reset page and leaves the address bar at once.
  await parent.goto(link);
  await shown(parent.getByRole('heading', { name: 'Choose a new password' }));
  expect(parent.url()).toBe(`${url()}/#/parent/reset`);
  await parent.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await parent.getByLabel('New password again').fill(NEW_PASSWORD);
  await parent.getByRole('button', { name: 'Save the new password' }).click();
  await shown(parent.getByRole('status').filter({ hasText: `Sign in with your user name ${userName}` }));
  await mailWith('Your parent portal password was changed');

  // The same link a second time is refused in the API's words.
  const again = await browser.person();
  await again.goto(link);
  await again.getByLabel('New password', { exact: true }).fill(`${NEW_PASSWORD}-2`);
  await again.getByLabel('New password again').fill(`${NEW_PASSWORD}-2`);
  await again.getByRole('button', { name: 'Save the new password' }).click();
  await shown(again.getByText('This reset link is not valid'));

  await parent.getByRole('link', { name: 'Sign in' }).click();
  await (await shown(parent.getByLabel('User name'))).fill(userName);
  await parent.getByLabel('Password').fill(NEW_PASSWORD);
  await parent.getByRole('button', { name: 'Sign in', exact: true }).click();
  await shown(parent.getByRole('heading', { name: /My students|Your students/ }));
}, TEST_MS);
