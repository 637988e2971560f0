import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestHub, type TestHub, type TestHubOptions } from '../../gateway/testing/hub';
import type { GatewayOptions } from '../../gateway/gateway';
import { TEST_JWT_SECRET } from '../../subgraphs/common/testing/subgraph';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download is never used. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const WEB_DIST = join(__dirname, '..', 'dist');
const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/**
 * Without Chromium the browser tests are skipped with a plain notice (a developer's machine);
 * CI installs it, and there a missing browser fails instead.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (hasChromium || process.env.CI) return describe(name, body);
  console.warn(`Skipped the browser tests (${name}): no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
  describe.skip(name, body);
}

/**
 * The whole hub serving the built web app (`npm start` and CI build it; a bare `npm test` on a fresh
 * clone builds it here), in development (the sign-in page offers the demo users) unless `gateway` says otherwise.
 */
export async function startWebHub(label: string, gateway: Partial<GatewayOptions> = {}, options: TestHubOptions = {}): Promise<TestHub> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  return startTestHub(label, { webApp: { directory: WEB_DIST, production: false, developmentSecret: TEST_JWT_SECRET }, ...gateway }, options);
}

/**
 * A page on a profile of its own (no session, storage or service worker carried over from another
 * journey), a phone's width, in Vietnam; a step that cannot happen fails within `timeout` ms, naming
 * what it waited for, and the page's own errors are logged.
 */
export async function phonePage(browser: Browser, timeout: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && console.error(`console: ${message.text()}`));
  return page;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** What a file's journeys share: the hub serving the built app, its origin, and Chromium. */
export interface Journeys {
  hub: TestHub;
  origin: string;
  browser: Browser;
}

/**
 * Sets up a file's journeys: before them the hub serving the built app (see startWebHub) and
 * Chromium, handed to `ready` (to keep in the file's variables, sign tokens); after them both closed.
 * With `pageTimeout`, each journey also gets a fresh phone page (see phonePage), handed to `opened`,
 * whose profile is closed after it.
 */
export function journeysInBrowser(
  label: string,
  { ready, pageTimeout, opened }: { ready: (started: Journeys) => unknown; pageTimeout?: number; opened?: (page: Page) => void },
): void {
  let hub: TestHub | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    hub = await startWebHub(label);
    browser = await launchChromium();
    await ready({ hub, origin: new URL(hub.gateway.url).origin, browser });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  if (pageTimeout === undefined || !opened) return;
  let page: Page | undefined;
  beforeEach(async () => {
    page = await phonePage(browser!, pageTimeout);
    opened(page);
  });
  afterEach(() => page?.context().close());
}

/** axe-core finds no serious or critical violation on the page as it is; then its screenshots (see screenshots). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, name);
}

/** Saves the page at a phone's and a desk's width, as web/screenshots/<name>-360.png and -1280.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** axe-core's serious and critical violations on the page as it is (an empty list is the bar). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
