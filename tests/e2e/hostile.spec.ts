// Pages that make reading hard or fight the warning (issue 11), against the built extension. Each
// asserts what the person gets (warned, not warned, the full-tab warning), never how fast: the
// speed of each case is measured by `npm run bench:browser`.
import type { Page } from '@playwright/test';
import { badgeOf, scannedBadge } from './badge';
import { expect, test } from './extension-test';
import type { Worker } from '@playwright/test';

const DANGER = '!!';

/** Waits until the page's tab shows the danger badge. */
async function expectWarned(serviceWorker: Worker, page: Page): Promise<void> {
  await expect.poll(async () => (await badgeOf(serviceWorker, page)).text, { timeout: 20_000 }).toBe(DANGER);
  await expect(page.locator('scam-sentinel-warning')).toHaveCount(1);
}

test.describe('every word a person can see is read', () => {
  test('a 2 MB article with the scam near the end', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
    const page = await extensionContext.newPage();
    await page.goto(`${fixturesUrl}/hostile/long-article.html`);
    await expectWarned(serviceWorker, page);
    await page.close();
  });

  for (const how of ['zero-size', 'transparent', 'offscreen']) {
    test(`200,000 characters of unseen filler (${how}) do not hide the scam after them`, async ({ extensionContext, serviceWorker, fixturesUrl }) => {
      const page = await extensionContext.newPage();
      await page.goto(`${fixturesUrl}/hostile/hidden-filler.html?how=${how}`);
      await expectWarned(serviceWorker, page);
      await page.close();
    });
  }

  test('a scam nobody can see is not read: no warning', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
    const page = await extensionContext.newPage();
    await page.goto(`${fixturesUrl}/hostile/unseen-scam.html`);
    expect((await scannedBadge(serviceWorker, page)).text).toBe('');
    await expect(page.locator('scam-sentinel-warning')).toHaveCount(0);
    await page.close();
  });

  for (const where of ['shadow', 'iframe', 'contents']) {
    test(`scam text in ${where === 'shadow' ? 'an open shadow root' : where === 'iframe' ? 'a same-origin iframe' : 'a display:contents wrapper'}`, async ({ extensionContext, serviceWorker, fixturesUrl }) => {
      const page = await extensionContext.newPage();
      await page.goto(`${fixturesUrl}/hostile/nested.html?where=${where}`);
      await expectWarned(serviceWorker, page);
      await page.close();
    });
  }
});

test.describe('text revealed later is read when it appears', () => {
  for (const how of ['class', 'details', 'hidden', 'style', 'added']) {
    test(`revealed by a click: ${how}`, async ({ extensionContext, serviceWorker, fixturesUrl }) => {
      const page = await extensionContext.newPage();
      await page.goto(`${fixturesUrl}/hostile/reveal.html?how=${how}`);
      // The first read reported a clean page: the hidden scam was not read.
      expect((await scannedBadge(serviceWorker, page)).text).toBe('');
      await page.click('#more');
      await expectWarned(serviceWorker, page);
      await page.close();
    });
  }

  test('revealed by a timer', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
    const page = await extensionContext.newPage();
    await page.goto(`${fixturesUrl}/hostile/reveal.html?how=class&when=timer`);
    await expectWarned(serviceWorker, page);
    await page.close();
  });
});

test.describe('a page cannot talk the warning away', () => {
  // The guard and its warning are a module of their own, loaded only when a page gives a reason
  // (issue 11: load-guard-module.ts). A page's Content Security Policy does not reach it in Chromium: it is
  // loaded from the content script's isolated world, not the page's.
  for (const csp of ['none', 'sandbox']) {
    test(`a page whose policy ${csp === 'none' ? 'allows no script' : 'sandboxes it'} is warned on the page, in a closed root`, async ({ extensionContext, serviceWorker, fixturesUrl }) => {
      const page = await extensionContext.newPage();
      await page.goto(`${fixturesUrl}/investment-scam-zh.html?csp=${csp}`);
      await expectWarned(serviceWorker, page);
      expect(await page.evaluate(() => document.querySelector('scam-sentinel-warning')?.shadowRoot ?? 'closed')).toBe('closed');
      await page.close();
    });
  }

  for (const how of ['remove', 'modal', 'popover', 'html']) {
    test(`a page that keeps fighting the warning (${how}) gets the full-tab warning`, async ({ extensionContext, extensionId, fixturesUrl }) => {
      const page = await extensionContext.newPage();
      const address = `${fixturesUrl}/hostile/fight.html?how=${how}`;
      await page.goto(address);
      await expect.poll(() => page.url(), { timeout: 20_000 }).toContain(`chrome-extension://${extensionId}/src/ui/blocked/index.html`);
      // The page's address is kept and shown, with "Leave this page" first, and the findings.
      await expect(page.locator('#blocked .address')).toHaveText(address);
      await expect(page.getByRole('button', { name: 'Leave this page' })).toBeFocused();
      await expect(page.getByRole('button', { name: 'I trust this site' })).toBeVisible();
      await expect(page.locator('#blocked')).toContainText('稳赚不赔');
      await page.close();
    });
  }
});
