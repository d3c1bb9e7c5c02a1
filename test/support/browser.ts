import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/**
 * Debian's Chromium driven by playwright-core: nothing downloads a browser. The flags keep it off
 * the network (this machine's closed network refuses its background connections) and the profile
 * is fresh for every run.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where screenshots go: test-results/ by default; `npm run screenshots` writes the ones docs/console.md shows. */
export const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'test-results', 'screenshots'));

export interface Browser {
  /** A new tab in a profile of its own (its own sessionStorage), as a second person would have. */
  person(): Promise<Page>;
  /** Console errors and failed requests seen so far (CSP violations show up here). */
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const profiles: { context: BrowserContext; dir: string }[] = [];
  const problems: string[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    problems,
    async person() {
      const dir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
      const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 800 } });
      profiles.push({ context, dir });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (message) => {
        // A refusal the tests provoke on purpose (4xx) is logged by Chromium too; the page shows it in words.
        if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
      return page;
    },
    async close() {
      for (const { context, dir } of profiles) {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** How long a browser test waits for the page to show something: generous, for a loaded 2-core machine. */
export const WAIT = { timeout: 20_000 };

/** Waits until the locator is visible, and returns it. */
export async function shown(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', ...WAIT });
  return locator;
}

/** Signs a demo staff identity in on `page` (the local sign-in page lists them) and waits for the students grid. */
export async function signInStaff(page: Page, consoleUrl: string, identity: RegExp): Promise<void> {
  await page.goto(`${consoleUrl}/#/staff`);
  await (await shown(page.getByRole('button', { name: 'Sign in', exact: true }))).click();
  await (await shown(page.getByRole('button', { name: identity }))).click();
  await shown(page.getByRole('table', { name: 'Students' }).locator('tbody tr').first());
}

/**
 * What `read` gives once `ok` holds (or, after the wait, its last answer, for the caller's
 * expect to report): for state the page reaches after rendering, such as where focus lands.
 */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = WAIT.timeout): Promise<T> {
  const end = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((done) => setTimeout(done, 100));
    value = await read();
  }
  return value;
}

/** What has keyboard focus: its tag, id and text, so a failure says where focus went instead. (A string: the tests' types have no DOM.) */
export async function focusedElement(page: Page): Promise<{ tag?: string; id?: string; text?: string }> {
  return page.evaluate(
    `(() => { const e = document.activeElement; return e ? { tag: e.tagName.toLowerCase(), id: e.id, text: (e.innerText || e.textContent || '').trim().slice(0, 80) } : {}; })()`,
  );
}
