// What the extension must not do (issue 3): warn on the five source articles (news about fraud
// that names every trick), or make any network request while a person browses.
import type { Request } from '@playwright/test';
import { expect, fixturePages, seedPages, test } from './extension-test';

interface ChromeInWorker {
  tabs: { query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> };
  i18n: { getMessage(name: string): string };
}

test('the five source articles, as pages, get no warning and no badge', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const seeds = seedPages();
  // The articles are not in this repository (publishers' copyright); they sit in shared/ beside
  // it, as on CI. A bare clone elsewhere skips this test and says why.
  test.skip(seeds.length === 0, 'shared/seeds is not beside the repository');
  expect(seeds).toHaveLength(5);
  for (const seed of seeds) {
    const page = await extensionContext.newPage();
    await page.goto(`${fixturesUrl}/seeds/${seed}`);
    await page.bringToFront();
    await expect
      .poll(() => serviceWorker.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
        const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
        const title = await api.action.getTitle({ tabId: tab!.id! });
        // Scanned (the title left the default) and clean (empty badge).
        return title === api.i18n.getMessage('action_title_none') ? await api.action.getBadgeText({ tabId: tab!.id! }) : 'not yet';
      }), { timeout: 15_000, message: seed })
      .toBe('');
    expect(await page.evaluate(() => document.querySelector('scam-sentinel-warning')), seed).toBeNull();
    await page.close();
  }
});

test('browsing every fixture, the extension makes no network request', async ({ extensionContext, fixturesUrl }) => {
  const requests: string[] = [];
  const record = (request: Request): void => { requests.push(request.url()); };
  extensionContext.on('request', record);
  try {
    for (const file of [...fixturePages(), ...seedPages().map((s) => `seeds/${s}`)]) {
      const page = await extensionContext.newPage();
      await page.goto(`${fixturesUrl}/${file}`);
      await page.waitForTimeout(300);
      await page.close();
    }
  } finally {
    extensionContext.off('request', record);
  }
  // Only the fixture pages themselves (and their scripts) and the extension's own files.
  const outside = requests.filter((url) => !url.startsWith(fixturesUrl) && !url.startsWith('chrome-extension://'));
  expect(outside).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
});
