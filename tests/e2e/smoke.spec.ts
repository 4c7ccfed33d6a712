// Smoke test of the built extension in Chromium: the service worker starts, the content script
// scores fixture pages and the background sets the badge of each tab (issue 2).
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './extension-test';

// `chrome` exists only inside the worker; this is the part of it the test evaluates there.
interface ChromeInWorker {
  tabs: { query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
  i18n: { getMessage(name: string): string };
}

interface BadgeState {
  text: string;
  title: string;
  /** The title the background sets once a page was scanned and nothing was found. */
  noneTitle: string;
  /** The manifest's default title, still shown until the content script has reported. */
  defaultTitle: string;
}

/** The badge of the page's tab, read in the service worker. */
async function badgeOf(serviceWorker: Worker, page: Page): Promise<BadgeState> {
  // A tab learns its id only from the extension side; the page being in front identifies it.
  await page.bringToFront();
  return serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return {
      text: await api.action.getBadgeText({ tabId: tab.id }),
      title: await api.action.getTitle({ tabId: tab.id }),
      noneTitle: api.i18n.getMessage('action_title_none'),
      defaultTitle: api.i18n.getMessage('ext_name'),
    };
  });
}

/** Waits until the content script has reported for the page (the title leaves the default). */
async function scannedBadge(serviceWorker: Worker, page: Page): Promise<BadgeState> {
  let state = await badgeOf(serviceWorker, page);
  await expect
    .poll(async () => (state = await badgeOf(serviceWorker, page)).title, { timeout: 15_000 })
    .not.toBe(state.defaultTitle);
  return state;
}

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

test('the page cannot fetch the content script from the extension', async ({
  extensionContext,
  extensionId,
  fixturesUrl,
}) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/benign-zh-en.html`);
  // Not web-accessible: the request fails, so a page can neither read the rules nor use the
  // file's existence to fingerprint the extension.
  const fetched = await page.evaluate(async (url) => {
    try {
      await fetch(url);
      return 'fetched';
    } catch {
      return 'blocked';
    }
  }, `chrome-extension://${extensionId}/src/content/content-script.js`);
  expect(fetched).toBe('blocked');
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
