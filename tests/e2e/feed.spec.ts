// The rules feed end to end (issue 4): the test build (dist/chrome-test, which also trusts the
// test signing key and lets a test point it at a local feed) against `rules serve` on 127.0.0.1.
// Publish version 2 with a new rule and a listed page, press "Update now" in the options page: a
// page that was clean is flagged without a reload or a browser restart, and a listed page gets the
// danger warning. Publish a tampered version 3: refused, version 2 stays, the options page says why.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import { startFeedServer, type FeedServer } from '../../scripts/lib/feed-server';
import { BUNDLED_VERSION, FEED_RULE_EXPLANATION, LISTED_PAGE, publishTestFeed } from '../../scripts/lib/publish-test-feed';
import { expect, launchWithExtension, test } from './extension-test';

const TEST_BUILD = fileURLToPath(new URL('../../dist/chrome-test', import.meta.url));
/** The badge of the page's tab (the extension has no "tabs" permission: found as the active tab). */
async function badgeOf(page: Page, serviceWorker: Worker): Promise<string> {
  await page.bringToFront();
  return serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> }; action: { getBadgeText(d: { tabId: number }): Promise<string> } } }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id === undefined ? 'no tab' : api.action.getBadgeText({ tabId: tab.id });
  });
}

test('publish v2 and "Update now": a clean page is flagged without a restart; a tampered v3 is refused and the options page says so', async ({ fixturesUrl }) => {
  expect(existsSync(join(TEST_BUILD, 'manifest.json')), 'run `npx tsx scripts/build.ts chrome --test-hooks` first').toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'scam-sentinel-feed-'));
  let feedServer: FeedServer | null = null;
  const { context, userDataDir } = await launchWithExtension(TEST_BUILD);
  try {
    feedServer = await startFeedServer({ dir });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    await worker.evaluate((url) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ 'test.feedUrl': url }), feedServer.url);

    // Version 1 (bundled): the orchard newsletter is clean.
    const page = await context.newPage();
    await page.goto(`${fixturesUrl}/feed-update-en.html`);
    await page.waitForTimeout(1000);
    expect(await badgeOf(page, worker)).toBe('');
    expect(await page.evaluate(() => document.querySelector('scam-sentinel-warning'))).toBeNull();

    // Publish version 2 and press "Update now".
    publishTestFeed(dir, BUNDLED_VERSION + 1);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/src/ui/options/index.html`);
    await expect(options.locator('#options[data-ready="true"]')).toBeVisible();
    await options.getByRole('button', { name: 'Update now' }).click();
    await expect(options.locator('[data-field="version"]')).toHaveText(`${BUNDLED_VERSION + 1} (updated from the signed feed)`, { timeout: 20_000 });
    await expect(options.locator('.rules-summary')).toHaveText('✓ The rules are up to date.');
    expect(feedServer.requests.some((r) => r.path === '/rules.json.sig')).toBe(true);

    // The open page, never reloaded, is now flagged by the new rule.
    await page.bringToFront();
    await expect.poll(() => badgeOf(page, worker), { timeout: 15_000 }).toBe('!');
    await expect.poll(() => page.evaluate(() => document.querySelector('scam-sentinel-warning')?.shadowRoot?.textContent ?? ''), { timeout: 15_000 }).toContain(FEED_RULE_EXPLANATION);

    // A page on the feed's list of scam sites gets the danger warning, naming the list.
    const listed = await context.newPage();
    await listed.goto(`${fixturesUrl}/${LISTED_PAGE}`);
    await expect.poll(() => badgeOf(listed, worker), { timeout: 15_000 }).toBe('!!');
    await expect.poll(() => listed.evaluate(() => document.querySelector('scam-sentinel-warning')?.shadowRoot?.textContent ?? '')).toContain('Global Anti-Scam Org');

    // The second check sends the validators; unchanged, the server answers 304.
    await options.bringToFront();
    await options.getByRole('button', { name: 'Update now' }).click();
    await expect(options.locator('.progress')).toHaveText('');
    expect(feedServer.requests.filter((r) => r.path === '/rules.json').at(-1)?.ifNoneMatch).toMatch(/^".+"$/);

    // A tampered version 3 is refused: version 2 stays, and the options page says why.
    publishTestFeed(dir, BUNDLED_VERSION + 2, { tamper: true });
    await options.getByRole('button', { name: 'Update now' }).click();
    await expect(options.locator('.rules-summary')).toContainText('failed its signature check', { timeout: 20_000 });
    await expect(options.locator('[data-field="version"]')).toHaveText(`${BUNDLED_VERSION + 1} (updated from the signed feed)`);
    await expect(options.locator('[data-field="last-error"]')).toContainText('failed its signature check');
    // And the pages keep the version 2 rules.
    await page.reload();
    await expect.poll(() => badgeOf(page, worker), { timeout: 15_000 }).toBe('!');
  } finally {
    await context.close();
    await feedServer?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
