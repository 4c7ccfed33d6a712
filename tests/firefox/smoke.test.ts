// The release build (dist/firefox) in Debian's firefox-esr, installed as a temporary add-on over
// WebDriver BiDi (issue 12): a danger page gets the dialog with "Leave this page" focused, a
// caution page the quiet banner, an ordinary page nothing; the popup quotes the page and gives
// the hotline; the options page saves a setting. Run by `npm test` (tests/firefox/run.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { inExtension, inWarning, launchFirefox, openExtensionPage, RELEASE_BUILD, startFixtures, tabIdOf, waitFor, type FirefoxWithExtension } from './firefox-extension';

const LEAVE = /^(Leave this page|离开这个页面|離開這個頁面)$/;

describe('Firefox: the release build', () => {
  let firefox: FirefoxWithExtension;
  let browser: Browser;
  let fixtures: Awaited<ReturnType<typeof startFixtures>>;
  /** An extension page kept open to ask the extension's API what it knows. */
  let helper: Page;

  before(async () => {
    fixtures = await startFixtures();
    firefox = await launchFirefox(RELEASE_BUILD);
    browser = firefox.browser;
    helper = await openExtensionPage(browser, 'src/ui/options/index.html', '#options[data-ready="true"]');
  });
  after(async () => {
    await firefox?.close();
    await fixtures?.close();
  });

  /** Opens a sample page and waits until the background has stored what its scan found. */
  async function scanned(file: string): Promise<{ page: Page; tabId: number }> {
    const page = await browser.newPage();
    const url = `${fixtures.url}/${file}`;
    await page.goto(url);
    const tabId = await tabIdOf(helper, url);
    await waitFor(() => inExtension(helper, async (api, id) => (await api.storage.session.get(`tab:${id}`))[`tab:${id}`] !== undefined, tabId), `the scan of ${file}`);
    return { page, tabId };
  }

  test('a danger page gets the dialog, with "Leave this page" focused and the phrases highlighted', async () => {
    const { page, tabId } = await scanned('investment-scam-zh.html');
    const seen = await inWarning(
      page,
      (r) => (r.querySelector('dialog[open], [role="dialog"]') ? { focused: r.activeElement?.textContent?.trim() ?? '', mode: r.mode } : null),
      'the dialog',
    );
    assert.match(seen.focused, LEAVE);
    // The page cannot read into the warning.
    assert.equal(seen.mode, 'closed');
    assert.equal(await page.evaluate(() => document.querySelector('scam-sentinel-warning')?.shadowRoot ?? null), null);
    // Firefox has the CSS Custom Highlight API (since 140): the phrases are marked in place.
    const highlighted = await page.evaluate(() => [...(CSS.highlights.get('scam-sentinel') ?? [])].map((r) => (r as Range).toString()));
    assert.ok(highlighted.includes('稳赚不赔'), `highlighted: ${highlighted.join(', ')}`);
    assert.equal(await inExtension(helper, (api, id) => api.action.getBadgeText({ tabId: id }), tabId), '!!');
    await page.close();
  });

  test('a caution page gets the quiet banner, not a dialog', async () => {
    const { page, tabId } = await scanned('caution-job-zh.html');
    const shown = await inWarning(
      page,
      (r) => {
        const region = r.querySelector('[role="region"]');
        const title = r.getElementById(region?.getAttribute('aria-labelledby') ?? '');
        return region ? { label: title?.textContent ?? '', dialogs: r.querySelectorAll('dialog, [role="dialog"]').length } : null;
      },
      'the banner',
    );
    assert.match(shown.label, /注意|Caution/);
    assert.equal(shown.dialogs, 0);
    assert.equal(await inExtension(helper, (api, id) => api.action.getBadgeText({ tabId: id }), tabId), '!');
    await page.close();
  });

  test('a danger page that Firefox will not let load the warning (a sandboxed origin) gets the full-tab warning instead', async () => {
    // The warning is a web-accessible module the content script imports when a page is to be
    // warned (issue 11); Firefox refuses web-accessible files to a page in an opaque origin (CSP
    // `sandbox`), so the import fails and the background shows its own page in the tab.
    const page = await browser.newPage();
    const url = `${fixtures.url}/investment-scam-zh.html?csp=sandbox`;
    await page.goto(url);
    const title = await waitFor(() => page.evaluate(() => (document.getElementById('blocked')?.dataset.ready === 'true' ? document.querySelector('.blocked-title')?.textContent ?? '' : null)), 'the full-tab warning');
    assert.match(title, /This page looks like a scam|这个页面像是骗局|這個頁面像是詐騙/);
    // BiDi reports no navigation to an extension page (firefox-extension.ts): the page says where it is.
    assert.match(await page.evaluate(() => location.href), /^moz-extension:\/\/[^/]+\/src\/ui\/blocked\/index\.html\?/);
    assert.equal(await page.evaluate(() => document.querySelector('#blocked .address')?.textContent), url);
    await page.close();
  });

  test('an ordinary page gets nothing', async () => {
    const { page, tabId } = await scanned('benign-zh-en.html');
    assert.equal(await page.$('scam-sentinel-warning'), null);
    assert.equal(await inExtension(helper, (api, id) => api.action.getBadgeText({ tabId: id }), tabId), '');
    await page.close();
  });

  test('the popup renders the findings, quoting the page, and the hotline', async () => {
    const { page, tabId } = await scanned('investment-scam-zh.html');
    const popup = await openExtensionPage(browser, `src/ui/popup/index.html?tabId=${tabId}`, '#popup[data-ready="true"]');
    const shown = await popup.evaluate(() => ({
      level: document.querySelector('.verdict')?.getAttribute('data-level'),
      quotes: [...document.querySelectorAll('.quotes li')].map((li) => li.textContent ?? ''),
      host: document.querySelector('.host')?.textContent,
      contacts: [...document.querySelectorAll<HTMLAnchorElement>('ul.contacts a')].map((a) => a.href),
    }));
    assert.equal(shown.level, 'danger');
    assert.ok(shown.quotes.some((q) => q.includes('稳赚不赔')), `quotes: ${shown.quotes.join(' | ')}`);
    assert.equal(shown.host, '127.0.0.1');
    // Whom to call: the region follows the browser's language and time zone; any has a number or site.
    assert.ok(shown.contacts.length > 0);
    assert.ok(shown.contacts.every((href) => /^(tel:|https:)/.test(href)), shown.contacts.join(' '));
    await popup.close();
    await page.close();
  });

  test('the options page saves a setting, and it is still set when the page opens again', async () => {
    const options = await openExtensionPage(browser, 'src/ui/options/index.html', '#options[data-ready="true"]');
    const checkboxId = await options.evaluate(() => [...document.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Senior mode'))?.htmlFor);
    assert.ok(checkboxId, 'a "Senior mode" checkbox');
    await options.click(`#${checkboxId}`);
    await waitFor(() => options.evaluate(() => document.querySelector('.save-status')?.textContent === 'Saved.'), '"Saved."');
    const stored = await inExtension(helper, async (api) => (await api.storage.local.get('settings'))['settings'] as { seniorMode?: boolean } | undefined, null);
    assert.equal(stored?.seniorMode, true);
    await options.close();
    const again = await openExtensionPage(browser, 'src/ui/options/index.html', '#options[data-ready="true"]');
    assert.equal(await again.evaluate((id) => (document.getElementById(id) as HTMLInputElement | null)?.checked, checkboxId), true);
    await again.close();
  });
});
