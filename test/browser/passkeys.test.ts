import type { CDPSession, Page } from 'playwright-core';
import { openBrowser, screenshot, seriousViolations, shown, type Browser } from '../support/browser';

/**
 * Passkeys in Debian's Chromium against `npm start`'s stack, with Chromium's virtual
 * authenticator (DevTools protocol, `WebAuthn` domain: CTAP2, internal transport, resident keys,
 * user verification that always succeeds). A parent signs in with a password, adds a passkey,
 * sees it listed, signs out, signs in with the passkey without typing a user name, and removes it.
 *
 * WebAuthn refuses IP addresses as relying party ids, so the parent opens the portal at
 * localhost (the stack names itself 127.0.0.1; the API derives the RP ID `localhost` from that).
 * Parent p0350 is used by no other browser test.
 */
const url = () => process.env.CONSOLE_URL!;
const localhostUrl = () => url().replace('//127.0.0.1:', '//localhost:');
const SCHOOL = 'demo-school';
const PARENT = 'p0350';
const OWN_PASSWORD = 'orchard-pebble-lantern-64';

let browser: Browser;
let staffToken: string;

beforeAll(async () => {
  browser = await openBrowser();
  const staff = await browser.person();
  await staff.goto(`${url()}/#/staff`);
  await (await shown(staff.getByRole('button', { name: 'Sign in', exact: true }))).click();
  await (await shown(staff.getByRole('button', { name: /Pat Principal/ }))).click();
  await shown(staff.getByRole('table', { name: 'Students' }).locator('tbody tr').first());
  staffToken = (await staff.evaluate(() => sessionStorage.getItem('parent-access.staff-token')))!;
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${url()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Staff set the parent's temporary password (last name + first initial, the demo school's policy). */
async function resetPassword(parentId: string): Promise<{ userName: string; temporary: string }> {
  const email = `parent${Number(parentId.slice(1))}@example.org`;
  const found = await call('GET', `/schools/${SCHOOL}/parents?by=email&q=${encodeURIComponent(email)}`);
  const parent = (found.body.items as { parentId: string; userName: string; firstName: string; lastName: string }[]).find((p) => p.parentId === parentId)!;
  expect((await call('POST', `/schools/${SCHOOL}/parents/${parentId}/password`, { confirm: true })).status).toBe(200);
  return { userName: parent.userName, temporary: parent.lastName.replace(/\s+/g, '') + [...parent.firstName.trim()][0] };
}

/** Chromium's virtual authenticator on this tab: a platform authenticator that holds passkeys and verifies the user. */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

test('a parent adds a passkey, signs out, signs in with it without a user name, and removes it', async () => {
  const { userName, temporary } = await resetPassword(PARENT);
  const parent = await browser.person();
  const { cdp, authenticatorId } = await virtualAuthenticator(parent);

  // Signed in with the password (the first sign-in: the temporary one, then the parent's own).
  await parent.goto(`${localhostUrl()}/#/parent`);
  await (await shown(parent.getByLabel('User name'))).fill(userName);
  await parent.getByLabel('Password', { exact: true }).fill(temporary);
  await parent.getByRole('button', { name: 'Sign in', exact: true }).click();
  await shown(parent.getByRole('heading', { name: 'Choose your own password' }));
  await parent.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
  await parent.getByLabel('New password again').fill(OWN_PASSWORD);
  await parent.getByRole('button', { name: 'Save password and continue' }).click();
  await shown(parent.getByRole('heading', { name: 'My students' }));

  // Add a passkey: the virtual authenticator keeps a discoverable credential for localhost.
  await shown(parent.getByText('No passkey yet.'));
  await parent.getByRole('button', { name: 'Add a passkey' }).click();
  await shown(parent.getByRole('status').filter({ hasText: 'Passkey 1 is added' }));
  const list = parent.getByRole('list', { name: 'My passkeys' });
  await shown(list.getByText('Passkey 1'));
  expect(await list.innerText()).toContain('not used yet');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: 'localhost' });
  expect(await seriousViolations(parent)).toEqual([]);
  await screenshot(parent, 'parent-passkeys');

  await parent.getByRole('button', { name: 'Sign out', exact: true }).click();
  await shown(parent.getByRole('heading', { name: 'Parent portal — sign in' }));

  // Back with the passkey alone: no user name, no password.
  expect(await parent.getByLabel('User name').inputValue()).toBe('');
  await parent.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await shown(parent.getByRole('heading', { name: 'My students' }));
  await shown(parent.getByRole('list', { name: 'My passkeys' }).getByText(/last used/));
  expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials[0]!.signCount).toBeGreaterThan(0);

  // Remove it, after a confirm.
  await parent.getByRole('button', { name: 'Remove Passkey 1' }).click();
  const dialog = await shown(parent.getByRole('dialog', { name: 'Remove this passkey?' }));
  await dialog.getByRole('button', { name: 'Remove passkey' }).click();
  await shown(parent.getByRole('status').filter({ hasText: 'Passkey 1 is removed' }));
  await shown(parent.getByText('No passkey yet.'));

  // The authenticator still holds its copy, but the account no longer honours it.
  await parent.getByRole('button', { name: 'Sign out', exact: true }).click();
  await parent.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await shown(parent.getByRole('alert').filter({ hasText: 'This passkey could not sign you in' }));
  expect(browser.problems).toEqual([]);
}, 180_000);

test('on 127.0.0.1 the portal says where passkeys work instead of failing silently', async () => {
  const parent = await browser.person();
  await virtualAuthenticator(parent);
  await parent.goto(`${url()}/#/parent`);
  await (await shown(parent.getByRole('button', { name: 'Sign in with a passkey' }))).click();
  const alert = await shown(parent.getByRole('alert'));
  expect(await alert.innerText()).toContain(`Passkeys work only at ${localhostUrl()}/`);
}, 60_000);
