import type { Page } from 'playwright-core';
import { openBrowser, shown, type Browser } from '../support/browser';

/**
 * A letter's QR code opens the portal at #/parent/add?school=…&code=…, in Debian's Chromium
 * against `npm start`'s stack (the demo school). The parent is not signed in: the code waits
 * through sign-in and the forced password change, then fills the add form; the masked child is
 * shown and nothing links before the confirm; the code leaves the address bar at once and the
 * tab's storage once used. Parent p0302 and student s0481 (Liam Novak, last in name order, no
 * parent) are used by no other browser test.
 */
const url = () => process.env.CONSOLE_URL!;
const SCHOOL = 'demo-school';
const STUDENT_NUMBER = '240481';
const OWN_PASSWORD = 'harbor-quill-meadow-73';

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

/** The student as staff see it: the current code and the linked parents. */
async function student(): Promise<{ studentId: string; firstName: string; lastName: string; code: string; parents: { parentId: string }[] }> {
  const found = await call('GET', `/schools/${SCHOOL}/students?q=${STUDENT_NUMBER}`);
  expect(found.status).toBe(200);
  return found.body.items.find((s: { studentNumber: string }) => s.studentNumber === STUDENT_NUMBER);
}

/** Staff set the parent's temporary password (last name + first initial, the demo school's policy). */
async function resetPassword(parentId: string): Promise<{ userName: string; temporary: string }> {
  const email = `parent${Number(parentId.slice(1))}@example.org`;
  const found = await call('GET', `/schools/${SCHOOL}/parents?by=email&q=${encodeURIComponent(email)}`);
  const parent = (found.body.items as { parentId: string; userName: string; firstName: string; lastName: string }[]).find((p) => p.parentId === parentId)!;
  expect((await call('POST', `/schools/${SCHOOL}/parents/${parentId}/password`, { confirm: true })).status).toBe(200);
  return { userName: parent.userName, temporary: parent.lastName.replace(/\s+/g, '') + [...parent.firstName.trim()][0] };
}

/** Everything the tab keeps in sessionStorage, as one string (tokens included, so only searched). */
const tabStorage = (page: Page) => page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));

let parent: Page;

test("a letter's link, opened signed out: kept through sign-in and the password change, the form filled, the masked child shown, linked only on confirm", async () => {
  const { userName, temporary } = await resetPassword('p0302');
  const before = await student();
  expect(before.parents).toEqual([]);
  const name = `${before.firstName} ${before.lastName}`;

  parent = await browser.person();
  await parent.goto(`${url()}/#/parent/add?school=${encodeURIComponent(SCHOOL)}&code=${encodeURIComponent(before.code)}`);
  await shown(parent.getByRole('heading', { name: 'Parent portal — sign in' }));
  await shown(parent.getByText('Sign in to add the student from your letter'));
  // Out of the address bar before the parent does anything; the tab keeps it for after sign-in.
  expect(parent.url()).toBe(`${url()}/#/parent/add`);
  expect(await tabStorage(parent)).toContain(before.code);

  await parent.getByLabel('User name').fill(userName);
  await parent.getByLabel('Password', { exact: true }).fill(temporary);
  await parent.getByRole('button', { name: 'Sign in', exact: true }).click();
  await shown(parent.getByRole('heading', { name: 'Choose your own password' }));
  await parent.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
  await parent.getByLabel('New password again').fill(OWN_PASSWORD);
  await parent.getByRole('button', { name: 'Save password and continue' }).click();
  await shown(parent.getByRole('heading', { name: 'My students' }));

  // The form is filled and the usual check has run: whose child it is, masked.
  const dialog = await shown(parent.getByRole('dialog', { name: 'Is this your child?' }));
  expect(await parent.getByLabel('Access code from the school').inputValue()).toBe(before.code);
  const words = await dialog.innerText();
  expect(words).toContain(`${[...before.firstName][0]}*** ${[...before.lastName][0]}.`);
  expect(words).not.toContain(before.firstName);
  expect(words).toContain('Lincoln Elementary (demo)');
  // Nothing linked before the confirm, and the code is no longer kept anywhere but the form.
  expect((await student()).parents).toEqual([]);
  expect(await parent.getByRole('list', { name: 'My students' }).innerText()).not.toContain(name);
  expect(await tabStorage(parent)).not.toContain(before.code);
  expect(parent.url()).not.toContain(before.code);

  await dialog.getByRole('button', { name: 'Yes, link this student' }).click();
  await shown(parent.getByRole('status').filter({ hasText: 'is now linked to your account' }));
  await parent.locator('[aria-label="My students"][aria-busy="false"]').waitFor({ state: 'attached' });
  await shown(parent.getByRole('list', { name: 'My students' }).getByText(name));
  expect((await student()).parents).toEqual([expect.objectContaining({ parentId: 'p0302' })]);
  expect(parent.url()).toBe(`${url()}/#/parent/add`);
  expect(await tabStorage(parent)).not.toContain(before.code);
}, 120_000);

test("a bad code in a letter's link gets the portal's usual refusal, and links nothing", async () => {
  const bad = 'AAAA-BBBB-CCCC';
  // The same tab, signed in: only the fragment changes, as when a link is opened in the open portal.
  await parent.goto(`${url()}/#/parent/add?school=${SCHOOL}&code=${bad}`);
  const alert = await shown(parent.getByRole('alert'));
  const refusal = await alert.innerText();
  expect(refusal).toMatch(/code/i);
  expect(await parent.getByRole('dialog', { name: 'Is this your child?' }).count()).toBe(0);
  expect(await parent.getByLabel('Access code from the school').inputValue()).toBe(bad);
  expect(parent.url()).toBe(`${url()}/#/parent/add`);
  expect(await tabStorage(parent)).not.toContain(bad);

  // The same words as for a code typed in by hand.
  await parent.getByLabel('Access code from the school').fill(bad);
  await parent.getByRole('button', { name: 'Continue' }).click();
  expect(await (await shown(parent.getByRole('alert'))).innerText()).toBe(refusal);
  expect((await student()).parents).toEqual([expect.objectContaining({ parentId: 'p0302' })]);
}, 60_000);

test('no page broke its content security policy or logged an error', () => {
  expect(browser.problems).toEqual([]);
});
