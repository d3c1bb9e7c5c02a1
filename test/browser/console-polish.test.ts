import type { Page } from 'playwright-core';
import { eventually, focusedElement, openBrowser, screenshot, seriousViolations, shown, signInStaff, WAIT, type Browser } from '../support/browser';

/**
 * The console as the office reads it (issue 23), in Debian's Chromium against `npm start`'s demo
 * school (500 students; Rosa Abbiatici is linked to Giulia Abbiatici): people searched the way
 * they are asked for on the phone, counts and sorting, focus that follows the work, names not
 * ids, only the controls a person may use, and the main screens at the widths offices use.
 */
const url = () => process.env.CONSOLE_URL!;

let browser: Browser;
let staff: Page;

beforeAll(async () => {
  browser = await openBrowser();
  staff = await browser.person();
  await signInStaff(staff, url(), /Pat Principal/);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const studentRows = (page: Page) => page.getByRole('table', { name: 'Students' }).locator('tbody tr');
const parentRows = (page: Page) => page.getByRole('table', { name: 'Parents' }).locator('tbody tr');

/** Waits until the named table has its fresh rows (the console marks it aria-busy while it loads). */
async function settled(page: Page, name: string) {
  await page.locator(`[aria-label="${name}"][aria-busy="false"]`).waitFor(WAIT);
}

const focused = focusedElement;

async function go(page: Page, link: string) {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click();
  await shown(page.getByRole('heading', { level: 1, name: link }));
}

async function searchStudents(page: Page, q: string) {
  await page.getByLabel('Search students').fill(q);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await settled(page, 'Students');
}

async function searchParents(page: Page, q: string) {
  await page.getByLabel('Search parents').fill(q);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await settled(page, 'Parents');
}

describe('keyboard and focus', () => {
  test('the skip link is the first stop, and a route change puts focus on the new page heading', async () => {
    await staff.goto(`${url()}/#/staff/students`);
    // A fresh load, so the first Tab starts from the top of the page.
    await staff.reload();
    await settled(staff, 'Students');
    await staff.keyboard.press('Tab');
    expect((await focused(staff)).text).toBe('Skip to main content');
    await staff.keyboard.press('Enter');
    expect(await focused(staff)).toMatchObject({ tag: 'h1', text: 'Students and codes' });
    await go(staff, 'Parent accounts');
    expect((await eventually(() => focused(staff), (f) => f.text === 'Parent accounts')).text).toBe('Parent accounts');
    await go(staff, 'Students and codes');
    expect((await eventually(() => focused(staff), (f) => f.text === 'Students and codes')).text).toBe('Students and codes');
  });

  test('a dialog opens on its question and gives focus back when it closes', async () => {
    await settled(staff, 'Students');
    await studentRows(staff).nth(3).getByRole('checkbox').check();
    await staff.getByLabel('Bulk action').selectOption({ label: 'Export codes (CSV)' });
    const apply = staff.getByRole('button', { name: 'Apply to 1 student' });
    await apply.click();
    await shown(staff.getByRole('dialog', { name: 'Export codes?' }));
    expect(await focused(staff)).toMatchObject({ id: 'dialog-title', text: 'Export codes?' });
    await staff.keyboard.press('Escape');
    expect(await staff.getByRole('dialog').count()).toBe(0);
    expect((await focused(staff)).text).toBe('Apply to 1 student');
  });

  test('repeating the same search ends its busy state', async () => {
    await searchStudents(staff, 'Abbiatici');
    await searchStudents(staff, 'Abbiatici');
    expect(await staff.getByRole('table', { name: 'Students' }).getAttribute('aria-busy')).toBe('false');
  });
});

describe('search as people search', () => {
  test.each(['Giulia Abbiatici', 'abbiatici, giulia', 'GIULIA', 'abb giu'])('students: "%s" finds Giulia Abbiatici', async (q) => {
    await go(staff, 'Students and codes');
    await searchStudents(staff, q);
    expect(await studentRows(staff).filter({ hasText: 'Abbiatici, Giulia' }).count()).toBe(1);
  });

  test.each(['Rosa Abbiatici', 'abbiatici, rosa', 'rosa', 'Giulia', 'Giulia Abbiatici'])('parents: "%s" finds Rosa Abbiatici', async (q) => {
    await go(staff, 'Parent accounts');
    await searchParents(staff, q);
    const rosa = parentRows(staff).filter({ has: staff.getByRole('rowheader', { name: 'Rosa Abbiatici' }) });
    expect(await rosa.count()).toBe(1);
    // How she was found is said: by her own name, or by her child's.
    expect(await rosa.innerText()).toMatch(q.startsWith('Giulia') ? /child Giulia Abbiatici/ : /\bname\b/);
  });

  test('a search that finds nobody says what to try', async () => {
    await go(staff, 'Parent accounts');
    await searchParents(staff, 'Zzyzx Nobody');
    expect(await parentRows(staff).count()).toBe(0);
    await shown(staff.getByText(/No parent of this school matches “Zzyzx Nobody”\. Try part of/));
  });
});

describe('tables', () => {
  test('the students grid counts, pages by a chosen size and sorts by name both ways', async () => {
    await go(staff, 'Students and codes');
    const pager = staff.getByRole('navigation', { name: 'Pages' });
    await searchStudents(staff, '');
    const counts = async () => (await pager.locator('.counts').innerText()).trim();
    expect(await eventually(counts, (text) => /^1–25 of /.test(text))).toMatch(/^1–25 of (\d{3}|\d,\d{3})$/);
    const total = Number((await counts()).split(' of ')[1]!.replace(/,/g, ''));
    expect(total).toBeGreaterThanOrEqual(500);
    await pager.getByLabel('Rows per page').selectOption('50');
    await settled(staff, 'Students');
    expect(await studentRows(staff).count()).toBe(50);
    await pager.getByRole('button', { name: 'Next page' }).click();
    await settled(staff, 'Students');
    expect(await counts()).toBe(`51–100 of ${total.toLocaleString('en-US')}`);

    const firstName = async () => (await studentRows(staff).first().getByRole('rowheader').innerText()).split('\n')[0]!.trim();
    const header = staff.getByRole('columnheader', { name: /Student/ });
    await header.getByRole('button').click();
    await settled(staff, 'Students');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await counts()).toMatch(/^1–50 of /);
    const lastByName = await firstName();
    await header.getByRole('button').click();
    await settled(staff, 'Students');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const firstByName = await firstName();
    expect(firstByName.localeCompare(lastByName, undefined, { sensitivity: 'base' })).toBeLessThan(0);
    await pager.getByLabel('Rows per page').selectOption('25');
    await settled(staff, 'Students');
  });

  test('parent results sort by any column and empty cells read as a dash', async () => {
    await go(staff, 'Parent accounts');
    await searchParents(staff, 'a');
    const names = async () => parentRows(staff).getByRole('rowheader').allInnerTexts();
    const before = await names();
    expect(before.length).toBeGreaterThan(1);
    await staff.getByRole('columnheader', { name: /User name/ }).getByRole('button').click();
    const userNames = await parentRows(staff).locator('td.username').allInnerTexts();
    expect(userNames).toEqual([...userNames].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })));
    for (const cell of await parentRows(staff).locator('td:not(.check)').allInnerTexts()) expect(cell.trim()).not.toBe('');
  });
});

describe('permissions and names', () => {
  test('the look-ups identity is offered no reset, clear or password control, and is told who can', async () => {
    const clerk = await browser.person();
    await signInStaff(clerk, url(), /Casey Clerk/);
    await settled(clerk, 'Students');
    expect(await clerk.getByLabel('Bulk action').count()).toBe(0);
    expect(await clerk.getByText('Options').count()).toBe(0);
    expect(await clerk.getByRole('button', { name: /^Remove .* from / }).count()).toBe(0);
    expect(await clerk.getByRole('button', { name: /Reset|Clear/ }).count()).toBe(0);
    await shown(clerk.getByText('Ask a school administrator to reset codes.'));
    await go(clerk, 'Parent accounts');
    await searchParents(clerk, 'Abbiatici');
    expect(await clerk.getByRole('button', { name: /Set Password/ }).count()).toBe(0);
    await shown(clerk.getByText('Ask a school administrator to set parent passwords.'));
    expect(await seriousViolations(clerk)).toEqual([]);
  });

  test('jobs name who started them and say their state in words; the audit trail names people and actions', async () => {
    await go(staff, 'Code status');
    await staff.getByRole('button', { name: 'Count now' }).click();
    await staff.getByRole('status').filter({ hasText: /^As counted/ }).waitFor({ state: 'visible', timeout: 0 });
    await go(staff, 'Jobs and schedules');
    const census = staff.getByRole('table', { name: 'Jobs' }).locator('tbody tr').filter({ hasText: 'Code census' }).first();
    await shown(census);
    const row = await census.innerText();
    expect(row).toContain('Pat Principal');
    // Its state in words, whether it has finished yet or not (the stack is shared with other files' jobs).
    expect(row).toMatch(/\t(Running|Done)\t/);
    expect(row).not.toMatch(/SUCCEEDED|RUNNING|demo-principal/);

    // A search writes one event naming who was shown.
    await go(staff, 'Parent accounts');
    await searchParents(staff, 'Rosa Abbiatici');
    await go(staff, 'Audit trail');
    await staff.getByLabel('What happened').selectOption({ label: 'Parents searched' });
    // "Done by" is a pick list of the people seen in the trail, the signed-in person first.
    await staff.getByLabel('Done by').selectOption({ label: 'Pat Principal (you)' });
    await staff.getByRole('button', { name: 'Filter', exact: true }).click();
    await settled(staff, 'Audit events');
    const events = staff.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
    await shown(events.first());
    const first = await events.first().innerText();
    expect(first).toContain('Parents searched');
    expect(first).toContain('Pat Principal');

    // The parent filter is a name search and a pick list, not a typed id.
    await staff.getByLabel('What happened').selectOption({ label: 'Anything' });
    await staff.getByLabel('Done by').selectOption({ label: 'Anyone' });
    await staff.getByLabel('Parent', { exact: true }).fill('Rosa Abbiatici');
    await staff.getByRole('button', { name: 'Find parent' }).click();
    const choose = await shown(staff.getByLabel('Choose the parent'));
    await choose.locator('option', { hasText: 'Rosa Abbiatici' }).first().waitFor({ state: 'attached', ...WAIT });
    await choose.selectOption({ label: (await choose.locator('option', { hasText: 'Rosa Abbiatici' }).first().innerText()).trim() });
    await shown(staff.getByText(/^Parent:/));
    await staff.getByRole('button', { name: 'Filter', exact: true }).click();
    await settled(staff, 'Audit events');
    const parents = await staff.getByRole('table', { name: 'Audit events' }).locator('tbody tr td:nth-child(5)').allInnerTexts();
    expect(parents.length).toBeGreaterThan(0);
    for (const name of parents) expect(name).toBe('Rosa Abbiatici');
  }, 300_000);
});

describe('the look', () => {
  const MAIN_SCREENS = ['Students and codes', 'Parent accounts', 'Jobs and schedules', 'Audit trail'] as const;

  test.each([1280, 1440])('at %i px the top bar stays one bar and one row of tabs, with the school by name', async (width) => {
    await staff.setViewportSize({ width, height: 900 });
    for (const screen of MAIN_SCREENS) {
      await go(staff, screen);
      if (screen === 'Parent accounts') await searchParents(staff, 'Abbiatici');
      await staff.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: WAIT.timeout }).catch(() => undefined);
      const sizes = await staff.evaluate<{ header: number; tabs: number; overflow: number }>(`({
        header: document.querySelector('header').getBoundingClientRect().height,
        tabs: document.querySelector('.tabs ul').getBoundingClientRect().height,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      })`);
      expect(sizes.header).toBeLessThanOrEqual(100);
      expect(sizes.tabs).toBeLessThanOrEqual(48);
      expect(sizes.overflow).toBeLessThanOrEqual(0);
      expect(await staff.getByLabel('School', { exact: true }).locator('option:checked').innerText()).toBe('Lincoln Elementary (demo)');
      await screenshot(staff, `console-${screen.toLowerCase().replace(/\s+/g, '-')}-${width}`);
      expect({ screen, width, violations: await seriousViolations(staff) }).toEqual({ screen, width, violations: [] });
    }
    await staff.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  test('the parent portal fits a 375 px phone', async () => {
    const phone = await browser.person();
    await phone.setViewportSize({ width: 375, height: 740 });
    await phone.goto(`${url()}/#/parent`);
    await shown(phone.getByRole('heading', { level: 1 }));
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'portal-sign-in-375');
    expect(await seriousViolations(phone)).toEqual([]);
  });
});
