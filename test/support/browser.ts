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
