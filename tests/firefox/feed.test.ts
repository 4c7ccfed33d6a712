// The rules feed in Firefox (issue 12), as tests/e2e/feed.spec.ts does it in Chromium: the test
// build (dist/firefox-test, which trusts the test signing key and reads `test.feedUrl`) against
// a feed on 127.0.0.1. Publish version 2 with a new rule, press "Update now" in the options page:
// a page that was clean is flagged without a reload; a tampered version 3 is refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startFeedServer, type FeedServer } from '../../scripts/lib/feed-server';
import { BUNDLED_VERSION, FEED_RULE_EXPLANATION, LISTED_PAGE, publishTestFeed } from '../../scripts/lib/publish-test-feed';
import { inExtension, inWarning, launchFirefox, openExtensionPage, startFixtures, tabIdOf, TEST_BUILD, waitFor, type FirefoxWithExtension } from './firefox-extension';

let firefox: FirefoxWithExtension;
let fixtures: Awaited<ReturnType<typeof startFixtures>>;
let feedServer: FeedServer;
const dir = mkdtempSync(join(tmpdir(), 'scam-sentinel-firefox-feed-'));

before(async () => {
  fixtures = await startFixtures();
  feedServer = await startFeedServer({ dir });
  firefox = await launchFirefox(TEST_BUILD);
});
after(async () => {
  await firefox?.close();
  await feedServer?.close();
  await fixtures?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('Firefox: publish v2 and "Update now" flags an open page without a reload; a tampered v3 is refused', async () => {
  const { browser } = firefox;
  const options = await openExtensionPage(browser, 'src/ui/options/index.html', '#options[data-ready="true"]');
  await inExtension(options, (api, url) => api.storage.local.set({ 'test.feedUrl': url }), feedServer.url);
  const field = (name: string): Promise<string> => options.evaluate((n) => document.querySelector(`[data-field="${n}"]`)?.textContent ?? '', name);
  const summary = (): Promise<string> => options.evaluate(() => document.querySelector('.rules-summary')?.textContent ?? '');
  const updateNow = (): Promise<void> =>
    options.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Update now')?.click());

  // Version 1 (bundled): the orchard newsletter is clean.
  const page = await browser.newPage();
  const url = `${fixtures.url}/feed-update-en.html`;
  await page.goto(url);
  const tabId = await tabIdOf(options, url);
  const badge = (): Promise<string> => inExtension(options, (api, id) => api.action.getBadgeText({ tabId: id }), tabId);
  await waitFor(() => inExtension(options, async (api, id) => (await api.storage.session.get(`tab:${id}`))[`tab:${id}`] !== undefined, tabId), 'the first scan');
  assert.equal(await badge(), '');
  assert.equal(await page.$('scam-sentinel-warning'), null);

  // Publish version 2 and press "Update now".
  publishTestFeed(dir, BUNDLED_VERSION + 1);
  await updateNow();
  await waitFor(async () => (await field('version')) === `${BUNDLED_VERSION + 1} (updated from the signed feed)`, 'version 2 in force');
  assert.equal(await summary(), '✓ The rules are up to date.');
  assert.ok(feedServer.requests.some((r) => r.path === '/rules.json.sig'));

  // The open page, never reloaded, is now flagged by the new rule.
  await waitFor(async () => (await badge()) === '!', 'the caution badge');
  assert.ok((await inWarning(page, (r) => r.textContent, 'the warning')).includes(FEED_RULE_EXPLANATION));

  // A page on the feed's list of scam sites gets the danger warning, naming the list.
  const listed = await browser.newPage();
  const listedUrl = `${fixtures.url}/${LISTED_PAGE}`;
  await listed.goto(listedUrl);
  const listedTab = await tabIdOf(options, listedUrl);
  await waitFor(async () => (await inExtension(options, (api, id) => api.action.getBadgeText({ tabId: id }), listedTab)) === '!!', 'the danger badge of a listed page');
  assert.ok((await inWarning(listed, (r) => r.textContent, 'the warning on the listed page')).includes('Global Anti-Scam Org'));
  await listed.close();

  // A tampered version 3 is refused: version 2 stays, and the options page says why.
  publishTestFeed(dir, BUNDLED_VERSION + 2, { tamper: true });
  await updateNow();
  await waitFor(async () => (await summary()).includes('failed its signature check'), 'the refusal');
  assert.equal(await field('version'), `${BUNDLED_VERSION + 1} (updated from the signed feed)`);
  await page.close();
  await options.close();
});
