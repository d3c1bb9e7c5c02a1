import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Locator, Page } from 'playwright-core';
import { eventually, focusedElement, openBrowser, screenshot, seriousViolations, shown, WAIT, type Browser } from '../support/browser';

/**
 * Both reference articles' click paths, in Debian's Chromium, against `npm start`'s stack (the
 * demo school: 500 students, Rosa Abbiatici linked to Giulia, parents 1–150 linked to one child
 * each). The steps build on each other, as an office's day does, so they run in order. Every main
 * screen is screenshotted and checked with axe-core: no serious or critical violation.
 */
const url = () => process.env.CONSOLE_URL!;
/**
 * A bulk job runs as long as the machine needs (a loaded CI machine is several times slower), so
 * waits on a job's end are bounded by the test's own timeout, not by a guess at its speed; the
 * assertions then read what the page says, so a failed job shows its message.
 */
const UNTIL_JOB_ENDS = { timeout: 0 };
const JOB_TEST_MS = 300_000;

let browser: Browser;
let staff: Page;
let parent: Page;
/** Codes Reset Selected issued, for the parent to redeem: the students' names and numbers too. */
let issued: { name: string; number: string; code: string };
let another: { name: string; number: string; code: string };

beforeAll(async () => {
  browser = await openBrowser();
  staff = await browser.person();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function screen(page: Page, name: string) {
  await screenshot(page, name);
  expect({ screen: name, violations: await seriousViolations(page) }).toEqual({ screen: name, violations: [] });
}

async function signInStaff(page: Page, identity: RegExp) {
  await page.goto(`${url()}/#/staff`);
  await (await shown(page.getByRole('button', { name: 'Sign in', exact: true }))).click();
  await (await shown(page.getByRole('button', { name: identity }))).click();
  await shown(page.getByRole('table', { name: 'Students' }).locator('tbody tr').first());
}

const studentRows = (page: Page) => page.getByRole('table', { name: 'Students' }).locator('tbody tr');
const rowOfNumber = (page: Page, number: string) => studentRows(page).filter({ has: page.getByRole('cell', { name: number, exact: true }) });
const numberOf = async (row: Locator) => (await row.locator('td').nth(1).innerText()).trim();
const codeOf = async (row: Locator) => (await row.locator('code').innerText()).trim();
/** Rows with a linked parent, leaving Giulia Abbiatici (Rosa's child) to the parent's steps. */
const linkedRows = (page: Page) => studentRows(page).filter({ has: page.locator('button.x') }).filter({ hasNotText: 'Abbiatici' });

/** Waits until the named table or list has its fresh rows (the console marks it aria-busy while it loads). */
async function settled(page: Page, name: string) {
  await page.locator(`[aria-label="${name}"][aria-busy="false"]`).waitFor(WAIT);
}

/** Waits until the job a bulk-job dialog follows has ended: the dialog offers Close instead of Stop. */
async function jobEnded(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Close', exact: true }).waitFor({ state: 'visible', ...UNTIL_JOB_ENDS });
}

/** The preview a bulk-job dialog shows once its dry run has counted (it says "Counting…" until then). */
async function counted(dialog: Locator): Promise<string> {
  const preview = dialog.getByRole('status').filter({ hasNotText: /^Counting/ });
  await preview.waitFor({ state: 'visible', ...UNTIL_JOB_ENDS });
  return (await preview.innerText()).trim();
}

/** What `scope` says it came to: its status text, or its alert's if it failed. */
async function outcome(scope: Locator): Promise<string> {
  const said = await scope.locator('[role="status"], [role="alert"]').allInnerTexts();
  return said.map((text) => text.trim()).filter(Boolean).join(' | ');
}

async function status(page: Page, text: string | RegExp) {
  return shown(page.getByRole('status').filter({ hasText: text }));
}

describe('staff console', () => {
  test('the landing page leads staff and parents to their own pages', async () => {
    await staff.goto(`${url()}/`);
    expect(await (await shown(staff.getByRole('link', { name: /School staff/ }))).getAttribute('href')).toBe('#/staff');
    expect(await (await shown(staff.getByRole('link', { name: /Parent or guardian/ }))).getAttribute('href')).toBe('#/parent');
    await screen(staff, 'landing');
  });

  test('staff sign in through the issuer (authorization code with PKCE) and see the students grid', async () => {
    await staff.goto(`${url()}/#/staff`);
    await (await shown(staff.getByRole('button', { name: 'Sign in', exact: true }))).click();
    await shown(staff.getByRole('heading', { name: 'Local staff sign-in' }));
    await screen(staff, 'staff-sign-in');
    await staff.getByRole('button', { name: /Pat Principal/ }).click();
    await shown(studentRows(staff).first());
    expect(await studentRows(staff).count()).toBe(25);
    // Codes are shown grouped for reading.
    expect(await codeOf(studentRows(staff).first())).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await staff.getByRole('banner').innerText()).toContain('Pat Principal');
    await screen(staff, 'students');
  });

  test('remove one link: the X beside the parent, then Save Changes', async () => {
    const row = linkedRows(staff).first();
    const number = await numberOf(row);
    const remove = row.getByRole('button', { name: /^Remove / }).first();
    const label = (await remove.getAttribute('aria-label'))!;
    await remove.click();
    await shown(staff.getByRole('region', { name: 'Unsaved changes' }));
    await staff.getByRole('button', { name: 'Save Changes' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Save changes?' }));
    expect(await dialog.innerText()).toContain(label.replace(/^Remove /, ''));
    await screen(staff, 'remove-link-confirm');
    await dialog.getByRole('button', { name: 'Save Changes' }).click();
    await status(staff, 'Removed 1 link.');
    await settled(staff, 'Students');
    await shown(rowOfNumber(staff, number));
    expect(await staff.getByRole('button', { name: label }).count()).toBe(0);
  });

  test('Clear Parents for the selected students, with a confirm naming how many', async () => {
    const rows = linkedRows(staff);
    const numbers = [await numberOf(rows.nth(0)), await numberOf(rows.nth(1))];
    for (const number of numbers) await rowOfNumber(staff, number).getByRole('checkbox').check();
    await staff.getByLabel('Bulk action').selectOption({ label: 'Clear Parents' });
    await staff.getByRole('button', { name: 'Apply to 2 students' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Clear parents?' }));
    expect(await dialog.innerText()).toMatch(/Remove \d+ parent links? from 2 selected students/);
    await dialog.getByRole('button', { name: 'Clear Parents' }).click();
    await status(staff, /Cleared \d+ links? from 2 students\./);
    await settled(staff, 'Students');
    for (const number of numbers) expect(await rowOfNumber(staff, number).locator('button.x').count()).toBe(0);
  });

  test('Reset Selected gives the selected students new codes to redistribute', async () => {
    const rows = studentRows(staff).filter({ hasNotText: 'Abbiatici' });
    const picked = [rows.nth(2), rows.nth(3)];
    const before = await Promise.all(picked.map(async (row) => ({ number: await numberOf(row), code: await codeOf(row), name: (await row.locator('th').innerText()).trim() })));
    for (const { number } of before) await rowOfNumber(staff, number).getByRole('checkbox').check();
    await staff.getByLabel('Bulk action').selectOption({ label: 'Reset Selected' });
    await staff.getByRole('button', { name: 'Apply to 2 students' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Reset selected codes?' }));
    expect(await dialog.innerText()).toContain('2 selected students');
    await dialog.getByRole('button', { name: 'Reset' }).click();
    await status(staff, 'Reset 2 codes.');
    await settled(staff, 'Students');
    const newCodes = staff.getByRole('table', { name: 'New codes' });
    await shown(newCodes);
    await screen(staff, 'reset-selected');
    for (const { number, code } of before) {
      const now = await codeOf(rowOfNumber(staff, number));
      expect(now).not.toBe(code);
      expect(await newCodes.innerText()).toContain(now);
    }
    const issuedTo = async ({ name, number }: { name: string; number: string }) => {
      const [lastName, firstName] = name.split(', ');
      return { name: `${firstName} ${lastName}`, number, code: await codeOf(rowOfNumber(staff, number)) };
    };
    issued = await issuedTo(before[0]!);
    another = await issuedTo(before[1]!);
  });

  test('find a forgotten user name by the child, then Set Password for one after the confirm', async () => {
    await staff.getByRole('link', { name: 'Parent accounts' }).click();
    // One box: the child's name finds the parent (the search says so in "Found by").
    await staff.getByLabel('Search parents').fill('Giulia');
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Parents');
    const row = await shown(staff.getByRole('table', { name: 'Parents' }).locator('tbody tr').filter({ hasText: 'Rosa Abbiatici' }));
    expect(await row.locator('td.username').innerText()).toBe('rosa.abbiatici.0');
    expect(await row.innerText()).toContain('child Giulia Abbiatici');
    await screen(staff, 'parents');
    await row.getByRole('button', { name: 'Set password of Rosa Abbiatici' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Set password?' }));
    const words = await dialog.innerText();
    expect(words).toContain('Rosa Abbiatici');
    expect(words).toContain('rosa.abbiatici.0');
    expect(words).toContain('AbbiaticiR');
    // The school's policy decides, and the confirm says which applies (no "or a random one").
    expect(words).not.toMatch(/random/);
    await screen(staff, 'set-password-confirm');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await status(staff, /^Set 1 password\./);
    await shown(row.getByRole('cell', { name: 'Must change password' }));
  });

  test('Set Passwords for several checked parents', async () => {
    await staff.getByLabel('Search parents').fill('Bianchi');
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Parents');
    const rows = staff.getByRole('table', { name: 'Parents' }).locator('tbody tr');
    await shown(rows.nth(1));
    const names = [await rows.nth(0).locator('th').innerText(), await rows.nth(1).locator('th').innerText()];
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await staff.getByRole('button', { name: 'Set Passwords (2)' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Set passwords?' }));
    for (const name of names) expect(await dialog.innerText()).toContain(name);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await status(staff, /^Set 2 passwords\./);
    expect(await staff.getByRole('table', { name: 'Passwords set' }).locator('tbody tr').count()).toBe(2);
  });

  test('a clerk who may only look things up sees no code and no control to reset or clear', async () => {
    const clerk = await browser.person();
    await signInStaff(clerk, /Casey Clerk/);
    // Without codes:read the grid has no code column and no code (finding: every live code on screen).
    await shown(studentRows(clerk).first());
    expect(await clerk.getByRole('columnheader', { name: 'Access code' }).count()).toBe(0);
    expect(await clerk.getByRole('table', { name: 'Students' }).innerText()).not.toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    // Actions the clerk cannot take are not offered (the API still refuses them: auth-matrix tests); the page says who can.
    expect(await clerk.getByLabel('Bulk action').count()).toBe(0);
    await shown(clerk.getByText('Ask a school administrator to reset codes.'));
    await screen(clerk, 'clerk-students');
  });
});

describe('parent portal', () => {
  test("a parent's first sign-in with the temporary password leads to the forced change, rules explained while typing", async () => {
    parent = await browser.person();
    await parent.goto(`${url()}/#/parent`);
    await (await shown(parent.getByLabel('User name'))).fill('rosa.abbiatici.0');
    await parent.getByLabel('Password', { exact: true }).fill('AbbiaticiR');
    await screen(parent, 'parent-sign-in');
    await parent.getByRole('button', { name: 'Sign in', exact: true }).click();
    await shown(parent.getByRole('heading', { name: 'Choose your own password' }));
    await parent.getByLabel('New password', { exact: true }).fill('short');
    const rules = parent.locator('#password-rules');
    expect(await rules.locator('li.unmet').first().innerText()).toContain('At least 12 characters (you have 5)');
    expect(await parent.getByRole('button', { name: 'Save password and continue' }).isDisabled()).toBe(true);
    await parent.getByLabel('New password', { exact: true }).fill('lantern-orbit-meadow-42');
    await parent.getByLabel('New password again').fill('lantern-orbit-meadow-42');
    expect(await rules.locator('li.unmet').count()).toBe(0);
    await screen(parent, 'parent-new-password');
    await parent.getByRole('button', { name: 'Save password and continue' }).click();
    await shown(parent.getByRole('heading', { name: 'My students' }));
    await settled(parent, 'My students');
    await shown(parent.getByRole('list', { name: 'My students' }).getByText('Giulia Abbiatici'));
  });

  test('a wrong code is refused in words and what the parent typed stays', async () => {
    await parent.getByLabel('Access code from the school').fill('AAAA-BBBB-CCCC');
    await parent.getByRole('button', { name: 'Continue' }).click();
    const alert = await shown(parent.getByRole('alert'));
    expect(await alert.innerText()).toMatch(/code/i);
    expect(await alert.innerText()).not.toMatch(/[{}]|undefined|HTTP_/);
    expect(await parent.getByLabel('Access code from the school').inputValue()).toBe('AAAA-BBBB-CCCC');
  });

  test('entering a code shows the masked child first and links only on confirm', async () => {
    await parent.getByLabel('Access code from the school').fill(issued.code);
    await parent.getByRole('button', { name: 'Continue' }).click();
    const dialog = await shown(parent.getByRole('dialog', { name: 'Is this your child?' }));
    // Focus is on the question, not on "Yes": Enter, Enter does not link a child unread.
    expect((await focusedElement(parent)).id).toBe('dialog-title');
    const words = await dialog.innerText();
    const [first, last] = [issued.name.split(' ')[0]!, issued.name.split(' ').slice(1).join(' ')];
    expect(words).toContain(`${[...first][0]}*** ${[...last][0]}.`);
    expect(words).not.toContain(first);
    expect(words).toMatch(/\*\*\* .\., (Kindergarten|Grade \d), Lincoln Elementary \(demo\)/);
    await screen(parent, 'parent-confirm-child');
    // Not linked before the confirm.
    expect(await parent.getByRole('list', { name: 'My students' }).innerText()).not.toContain(issued.name);
    await dialog.getByRole('button', { name: 'Yes, link this student' }).click();
    await status(parent, 'is now linked to your account');
    await settled(parent, 'My students');
    await shown(parent.getByRole('list', { name: 'My students' }).getByText(issued.name));
    await screen(parent, 'parent-students');
  });

  test('a parent removes a child added by mistake', async () => {
    const item = parent.getByRole('listitem').filter({ hasText: issued.name });
    await item.getByRole('button', { name: 'Remove (added by mistake)' }).click();
    const dialog = await shown(parent.getByRole('dialog', { name: 'Remove this student?' }));
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await status(parent, `${issued.name} is no longer linked to your account.`);
    await settled(parent, 'My students');
    expect(await parent.getByRole('list', { name: 'My students' }).innerText()).not.toContain(issued.name);
    // Staff see the link gone.
    await staff.goto(`${url()}/#/staff/students`);
    await staff.getByLabel('Search students').fill(issued.number);
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Students');
    expect(await rowOfNumber(staff, issued.number).innerText()).not.toContain('Rosa Abbiatici');
  });
});

describe('not my child', () => {
  test('a parent reports "not my child"; staff see the flag and fix it in one step with a new code', async () => {
    await parent.getByLabel('Access code from the school').fill(another.code);
    await parent.getByRole('button', { name: 'Continue' }).click();
    await (await shown(parent.getByRole('dialog', { name: 'Is this your child?' }))).getByRole('button', { name: 'Yes, link this student' }).click();
    await status(parent, 'is now linked to your account');
    await settled(parent, 'My students');
    await parent.getByRole('listitem').filter({ hasText: another.name }).getByRole('button', { name: 'Not my child' }).click();
    const report = await shown(parent.getByRole('dialog', { name: 'Not your child?' }));
    await report.getByLabel(/What happened/).fill('typed the code from the wrong letter');
    await report.getByRole('button', { name: 'Report and remove' }).click();
    await status(parent, `${another.name} is unlinked and the school has been told`);

    await staff.getByLabel('Search students').fill(another.number);
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Students');
    const row = rowOfNumber(staff, another.number);
    // The flag names the parent and shows what they wrote, not an account id.
    const flag = await shown(row.getByText(/Reported “not my child”/));
    expect(await flag.innerText()).toBe('Reported “not my child” by Rosa Abbiatici: “typed the code from the wrong letter”');
    await row.getByRole('button', { name: 'Fix wrong link' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Fix a wrong link?' }));
    const fix = dialog.getByRole('button', { name: 'Reset code and close the report' });
    expect(await fix.isDisabled()).toBe(true); // a reason is required
    await dialog.getByLabel(/Reason/).fill('parent reported it');
    await fix.click();
    await status(staff, `Fixed the wrong link of ${another.name}`);
    await settled(staff, 'Students');
    expect(await row.getByText(/Reported “not my child”/).count()).toBe(0);
    const newCode = await codeOf(row);
    expect(newCode).not.toBe(another.code);
    expect(await staff.getByRole('table', { name: 'New codes' }).innerText()).toContain(newCode);
  });
});

describe('rosters and school settings', () => {
  test('a OneRoster import: problems by file, line and column first, then the students and guardians come in', async () => {
    await staff.getByRole('link', { name: 'Roster import' }).click();
    const header = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
    const users = (rows: string[]) => ({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + [header, ...rows].join('\r\n') + '\r\n') });
    const input = staff.getByLabel(/^users\.csv/);
    await input.setInputFiles(users(['new-st,active,,true,demo-school,student,nst,,Noa,Lindqvist,,250001,,,,new-gd,3,', 'bad id!,active,,true,demo-school,student,x,,X,Y,,250002,,,,,3,', 'new-gd,active,,true,demo-school,guardian,noa.parent,,Ida,Lindqvist,,,ida@example.org,,,,,']));
    await staff.getByRole('button', { name: 'Import' }).click();
    const alert = await shown(staff.getByRole('alert'));
    expect(await alert.innerText()).toContain('users.csv, line 3, sourcedId: must be 1-64 letters');
    await screen(staff, 'roster-import-problems');
    await input.setInputFiles(users(['new-st,active,,true,demo-school,student,nst,,Noa,Lindqvist,,250001,,,,new-gd,3,', 'new-gd,active,,true,demo-school,guardian,noa.parent,,Ida,Lindqvist,,,ida@example.org,,,,,']));
    await staff.getByRole('button', { name: 'Import' }).click();
    await status(staff, 'Imported: 1 student created, 0 updated, 0 unchanged; 1 guardian written, 0 unchanged; 1 link made');
    await staff.getByRole('link', { name: 'Students and codes' }).click();
    await staff.getByLabel('Search students').fill('250001');
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Students');
    expect(await rowOfNumber(staff, '250001').innerText()).toContain('Ida Lindqvist');
  });

  test('district staff edit a school’s letter text and contact line', async () => {
    const district = await browser.person();
    await district.goto(`${url()}/#/staff/schools`);
    await (await shown(district.getByRole('button', { name: 'Sign in', exact: true }))).click();
    await (await shown(district.getByRole('button', { name: /Dana District/ }))).click();
    // District staff choose the school by its name.
    await district.getByLabel('School', { exact: true }).locator('option', { hasText: 'Lincoln Elementary (demo)' }).waitFor({ state: 'attached', ...WAIT });
    await district.getByLabel('School', { exact: true }).selectOption({ label: 'Lincoln Elementary (demo)' });
    // The sign-in returns to the students page; settings are a page of their own.
    await district.getByRole('link', { name: 'School settings' }).click();
    await district.getByLabel(/^Letter text/).fill('Open the parent portal from the district website and choose Add a student.');
    await district.getByLabel('Contact line on letters').fill('Front office: 555-0100');
    await screen(district, 'school-settings');
    await district.getByRole('button', { name: 'Save settings' }).click();
    await status(district, 'Saved the settings of Lincoln Elementary (demo): letterText, contactLine changed.');
    // What the form shows now is what the API stored and answered.
    expect(await district.getByLabel('Contact line on letters').inputValue()).toBe('Front office: 555-0100');
  });
});

describe('bulk jobs', () => {
  test('Reset All: the preview counts, Enter confirms the typed words, the bar moves, and the codes shown before are gone after', async () => {
    await staff.getByLabel('Search students').fill('');
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Students');
    // A Reset Selected first: its panel of new codes is what a clerk would read out.
    for (const row of [2, 3]) await studentRows(staff).nth(row).getByRole('checkbox').check();
    await staff.getByLabel('Bulk action').selectOption({ label: 'Reset Selected' });
    await staff.getByRole('button', { name: 'Apply to 2 students' }).click();
    await (await shown(staff.getByRole('dialog', { name: 'Reset selected codes?' }))).getByRole('button', { name: 'Reset', exact: true }).click();
    await shown(staff.getByRole('table', { name: 'New codes' }));
    // Focus stays in the page (the outcome or the heading), never on <body>; the bulk action starts over.
    expect((await eventually(() => focusedElement(staff), (f) => f.tag !== 'body')).tag).not.toBe('body');
    expect(await staff.getByLabel('Bulk action').inputValue()).toBe('');
    await settled(staff, 'Students');
    const firstNumber = await numberOf(studentRows(staff).first());
    const firstCode = await codeOf(studentRows(staff).first());

    await staff.getByText('Options').click();
    await staff.getByRole('button', { name: 'Reset All' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Reset All' }));
    expect((await focusedElement(staff)).id).toBe('dialog-title');
    // Every student of the school: the demo's 500 and the one the roster import added.
    expect(await counted(dialog)).toContain('501 codes will be reset');
    const reset = dialog.getByRole('button', { name: 'Reset', exact: true });
    expect(await reset.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill('RESET ALL');
    await screen(staff, 'reset-all-confirm');
    // Every value the bar takes, as the page renders it (not sampled by the test's own timing).
    await staff.evaluate(`(() => {
      const seen = (window.progressSeen = []);
      const record = () => {
        const bar = document.querySelector('dialog progress');
        if (bar && seen[seen.length - 1] !== Number(bar.getAttribute('value'))) seen.push(Number(bar.getAttribute('value')));
      };
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    })()`);
    await dialog.getByLabel(/to confirm/).press('Enter');
    await shown(dialog.getByRole('progressbar'));
    await jobEnded(dialog);
    expect(await outcome(dialog)).toBe('Done: 501 codes reset.');
    expect(await dialog.getByRole('progressbar').getAttribute('value')).toBe('501');
    const seen = await staff.evaluate<number[]>('window.progressSeen');
    expect(seen.filter((value) => value > 0 && value < 501).length).toBeGreaterThanOrEqual(3);
    await screen(staff, 'reset-all-done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The codes of the earlier reset stopped working: their panel is gone, the job's outcome has focus.
    expect(await staff.getByRole('table', { name: 'New codes' }).count()).toBe(0);
    expect((await eventually(() => focusedElement(staff), (f) => f.tag !== 'body')).tag).not.toBe('body');
    await settled(staff, 'Students');
    expect(await codeOf(rowOfNumber(staff, firstNumber))).not.toBe(firstCode);
  }, JOB_TEST_MS);

  test('Export all codes: counted, made as a job with progress, then downloaded through its short-lived link with the codes the grid shows', async () => {
    await settled(staff, 'Students');
    const firstNumber = await numberOf(studentRows(staff).first());
    const firstCode = await codeOf(studentRows(staff).first());
    await staff.getByText('Options').click();
    await staff.getByRole('button', { name: 'Export all codes (CSV)' }).click();
    const dialog = await shown(staff.getByRole('dialog', { name: 'Export all codes (CSV)' }));
    await dialog.getByRole('button', { name: 'Count students' }).click();
    expect(await counted(dialog)).toMatch(/^The file will hold the codes of 501 students\./);
    await dialog.getByRole('button', { name: 'Make the file' }).click();
    await jobEnded(dialog);
    expect(await outcome(dialog)).toBe('Done: the codes of 501 students are in the file.');
    await screen(staff, 'export-all-done');
    const [download] = await Promise.all([staff.waitForEvent('download'), dialog.getByRole('button', { name: /^Download codes-/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^codes-demo-school-\d{4}-\d\d-\d\d\.csv$/);
    const [header, ...rows] = parse(readFileSync(await download.path()), { bom: true }) as string[][];
    expect(header![5]).toBe('Code');
    expect(rows).toHaveLength(501);
    expect(rows.find((row) => row[2] === firstNumber)![5]).toBe(firstCode);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, JOB_TEST_MS);

  test('Code status: a count of every student, the students with no parent to download, and failed guesses by day', async () => {
    await staff.getByRole('link', { name: 'Code status' }).click();
    await settled(staff, 'Code status');
    await staff.getByRole('button', { name: 'Count now' }).click();
    const codes = await shown(staff.getByRole('table', { name: 'Codes' }));
    const count = (label: RegExp) => codes.getByRole('row', { name: label }).locator('td').innerText();
    // The count is a job over every student: it takes as long as this machine needs.
    await codes.getByRole('row', { name: /Students \(each has one current code\)/ }).filter({ hasText: '501' }).waitFor(UNTIL_JOB_ENDS);
    // Every code was just handed out in the whole-school export, after Reset All.
    expect(await count(/handed out in a file/)).toBe('501');
    const unlinked = Number(await count(/no linked parent/));
    expect(unlinked).toBeGreaterThan(0);
    expect(await staff.getByRole('table', { name: 'Failed code guesses' }).locator('tbody tr').count()).toBe(14);
    await screen(staff, 'code-status');
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: /students with no linked parent/ }).click()]);
    const [header, ...rows] = parse(readFileSync(await download.path()), { bom: true }) as string[][];
    expect(header).toEqual(['Last name', 'First name', 'Student number', 'Grade', 'Homeroom']);
    expect(rows).toHaveLength(unlinked);
  }, JOB_TEST_MS);

  test('the jobs page shows the preview and the job, and the audit trail filters by action', async () => {
    await staff.getByRole('link', { name: 'Jobs and schedules' }).click();
    const jobs = await shown(staff.getByRole('table', { name: 'Jobs' }).locator('tbody tr').first());
    // In words: the state and who started it, not SUCCEEDED and an account id.
    expect(await jobs.innerText()).toContain('Done');
    expect(await jobs.innerText()).toContain('Pat Principal');
    expect(await jobs.innerText()).not.toMatch(/SUCCEEDED|demo-principal/);
    await screen(staff, 'jobs');
    await staff.getByRole('link', { name: 'Audit trail' }).click();
    await staff.getByLabel('What happened').selectOption({ label: 'Parent link removed' });
    await staff.getByRole('button', { name: 'Filter', exact: true }).click();
    await settled(staff, 'Audit events');
    const events = staff.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
    await shown(events.first());
    for (const action of await events.locator('th').allInnerTexts()) expect(action).toBe('Parent link removed');
    await screen(staff, 'audit');
    // Reset All's events list a page of students each: the table shows the first few and how many.
    await staff.getByLabel('What happened').selectOption({ label: 'Code reset' });
    await staff.getByRole('button', { name: 'Filter', exact: true }).click();
    await settled(staff, 'Audit events');
    const listed = events.filter({ hasText: /students: .+ … \(\d+ in all\)/ });
    await shown(listed.first());
    expect(await listed.first().innerText()).toMatch(/count: (\d+); job id: [\w-]+; students: ([^,;]+, ){4}[^,;]+ … \(\1 in all\)/);
  });

  test('a large OneRoster import goes through an upload and a job, with progress, under the same CSP', async () => {
    await staff.getByRole('link', { name: 'Roster import' }).click();
    const header = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
    const rows = Array.from({ length: 1_050 }, (_, i) => `big-${i},active,,true,demo-school,student,,,Big${i},Batch,,26${String(i).padStart(4, '0')},,,,,5,`);
    await staff.getByLabel(/^users\.csv/).setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + [header, ...rows].join('\r\n') + '\r\n') });
    await staff.getByRole('button', { name: 'Import' }).click();
    const form = staff.getByRole('region', { name: 'Roster import' });
    await form.getByRole('button', { name: 'Import', exact: true }).waitFor(UNTIL_JOB_ENDS);
    expect(await outcome(form)).toMatch(/^Imported: 1050 students created, 0 updated, 0 unchanged; 0 guardians written/);
    await staff.getByRole('link', { name: 'Students and codes' }).click();
    await staff.getByLabel('Search students').fill('261049');
    await staff.getByRole('button', { name: 'Search' }).click();
    await settled(staff, 'Students');
    expect(await rowOfNumber(staff, '261049').innerText()).toContain('Big1049');
  }, JOB_TEST_MS);

  test('no page broke its content security policy or logged an error', () => {
    expect(browser.problems).toEqual([]);
  });
});
