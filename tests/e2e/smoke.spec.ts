// Smoke test of the built extension in Chromium: the service worker starts, the content script
// scores fixture pages and the background sets the badge of each tab (issue 2).
import { badgeOf, scannedBadge } from './badge';
import { expect, test } from './extension-test';
import { GUARD_MODULE_FILE } from '../../src/content/load-guard-module';

test('the service worker of the built extension starts', async ({ serviceWorker, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  expect(serviceWorker.url()).toBe(`chrome-extension://${extensionId}/service-worker-loader.js`);
});

const SCAM_PAGES = ['investment-scam-zh.html', 'fake-job-en.html'];

for (const file of SCAM_PAGES) {
  test(`a scam page gets a warning badge: ${file}`, async ({ extensionContext, serviceWorker, fixturesUrl }) => {
    const page = await extensionContext.newPage();
    await page.goto(`${fixturesUrl}/${file}`);
    const badge = await scannedBadge(serviceWorker, page);
    expect(['!', '!!']).toContain(badge.text);
    expect(badge.title).not.toBe(badge.noneTitle);
    await page.close();
  });
}

test('an ordinary page gets no badge', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/benign-zh-en.html`);
  const badge = await scannedBadge(serviceWorker, page);
  expect(badge.title).toBe(badge.noneTitle);
  expect(badge.text).toBe('');
  await page.close();
});

test('the page cannot fetch the content script or the warning\'s module from the extension', async ({
  extensionContext,
  serviceWorker,
  extensionId,
  fixturesUrl,
}) => {
  // A scam page, so that the warning's module has been loaded into it (issue 11).
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/investment-scam-zh.html`);
  await scannedBadge(serviceWorker, page);
  await expect(page.locator('scam-sentinel-warning')).toHaveCount(1);
  // The content script is not web-accessible, and the warning's module only at the extension's
  // per-session address (use_dynamic_url), never at its fixed id: the request fails, so a page
  // can neither read the extension's code nor use a file's existence to fingerprint it.
  for (const file of ['src/content/content-script.js', GUARD_MODULE_FILE]) {
    const fetched = await page.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'fetched';
      } catch {
        return 'blocked';
      }
    }, `chrome-extension://${extensionId}/${file}`);
    expect(fetched, file).toBe('blocked');
  }
  // Nor does the page see the module's address among the resources it loaded.
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.startsWith('chrome-extension:')))).toBe(false);
  await page.close();
});

test('scam text a page adds two seconds after load is caught', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/late-scam-zh.html`);
  await expect.poll(async () => (await badgeOf(serviceWorker, page)).text, { timeout: 15_000 }).not.toBe('');
  await page.close();
});

test('text added after the first scan is scanned when it appears', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/late-scam-zh.html?after=click`);
  // The first scan has reported a clean page; only then does the scam text arrive.
  expect((await scannedBadge(serviceWorker, page)).text).toBe('');
  await page.click('#open-chat');
  await expect.poll(async () => (await badgeOf(serviceWorker, page)).text, { timeout: 15_000 }).not.toBe('');
  await page.close();
});

test('a page that keeps adding content for a minute stays responsive and is still read', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  test.setTimeout(120_000);
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/endless-feed-en.html`);
  expect((await scannedBadge(serviceWorker, page)).text).toBe('');
  // While posts arrive every 50 ms, the page keeps answering: every click is handled.
  for (let i = 1; i <= 5; i++) {
    await page.waitForTimeout(8_000);
    await page.click('#ping');
    await expect(page.locator('#pong')).toHaveText(String(i));
  }
  await expect(page).toHaveTitle('Neighbourhood feed (done)', { timeout: 30_000 });
  // The pitch that came last, among some 1,200 posts, was read.
  await expect.poll(async () => (await badgeOf(serviceWorker, page)).text, { timeout: 15_000 }).not.toBe('');
  await page.close();
});

test('a single-page app that moves to another URL through the History API is scanned again', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/spa-en.html`);
  expect((await scannedBadge(serviceWorker, page)).text).toBe('');
  await page.click('#next');
  await expect(page).toHaveURL(/job=7/);
  await expect.poll(async () => (await badgeOf(serviceWorker, page)).text, { timeout: 15_000 }).not.toBe('');
  await page.close();
});
