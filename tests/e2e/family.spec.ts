// Family setup end to end (issue 5), each test in a fresh browser profile so that a PIN, senior
// mode or a policy never leaks into the other tests:
// - a PIN: "I trust this site" cannot trust without it (it opens the PIN page; a wrong PIN is
//   refused and the warning stays), and with it the site is trusted and the warning goes;
// - senior mode: the danger warning in large text with one primary action and "Call <name>";
// - a managed policy written where Chromium reads policies locks the region, and the options
//   page shows it locked, "set by your family or administrator".
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { extensionIdFromKey } from '../../scripts/lib/extension-id';
import { expect, EXTENSION_DIR, launchWithExtension, test } from './extension-test';

const TEST_BUILD = fileURLToPath(new URL('../../dist/chrome-test', import.meta.url));

async function withBrowser(dir: string, run: (context: BrowserContext, worker: Worker, id: string) => Promise<void>): Promise<void> {
  const { context, userDataDir } = await launchWithExtension(dir);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await run(context, worker, new URL(worker.url()).host);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function openOptions(context: BrowserContext, id: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/src/ui/options/index.html`);
  await expect(options.locator('#options[data-ready="true"]')).toBeVisible();
  return options;
}

const allowlist = (worker: Worker): Promise<string[] | undefined> =>
  worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { allowlist?: string[] }>> } } } }).chrome;
    return (await api.storage.local.get('settings')).settings?.allowlist;
  });

test('with a PIN, "I trust this site" asks for it on an extension page: a wrong PIN is refused, the right one trusts the site', async ({ fixturesUrl }) => {
  // The test build: its open shadow root lets the test press the warning's buttons directly.
  await withBrowser(TEST_BUILD, async (context, worker, id) => {
    const options = await openOptions(context, id);
    await options.getByLabel('Choose a PIN (4 to 12 digits)').fill('8052');
    await options.getByRole('button', { name: 'Set PIN' }).click();
    await expect(options.locator('.save-status')).toHaveText('The PIN is saved and the lock is on.');
    await expect(options.getByLabel('Lock settings and trusted sites with the PIN')).toBeChecked();

    const page = await context.newPage();
    await page.goto(`${fixturesUrl}/fake-job-en.html`);
    const trust = page.locator('scam-sentinel-warning').getByRole('button', { name: 'I trust this site (PIN)' });
    await expect(trust).toBeVisible({ timeout: 15_000 });
    const [unlock] = await Promise.all([context.waitForEvent('page'), trust.click()]);
    await unlock.waitForLoadState();
    expect(unlock.url()).toBe(`chrome-extension://${id}/src/ui/unlock/index.html?host=127.0.0.1`);
    // Without the PIN nothing is trusted, and the warning stays on the page.
    expect(await allowlist(worker)).toEqual([]);
    await expect(page.locator('scam-sentinel-warning').getByRole('dialog')).toBeVisible();

    await unlock.getByLabel('PIN').fill('1111');
    await unlock.getByRole('button', { name: 'Trust this site' }).click();
    await expect(unlock.getByRole('status')).toHaveText('Wrong PIN.');
    expect(await allowlist(worker)).toEqual([]);

    await unlock.getByLabel('PIN').fill('8052');
    await unlock.getByRole('button', { name: 'Trust this site' }).click();
    await expect.poll(() => allowlist(worker)).toEqual(['127.0.0.1']);
    // The page hears of it and takes its warning away, without a reload.
    await expect(page.locator('scam-sentinel-warning')).toHaveCount(0, { timeout: 10_000 });
  });
});

test('the options page stays locked until the PIN; wrong PINs make the next try wait', async () => {
  await withBrowser(EXTENSION_DIR, async (context, _worker, id) => {
    const options = await openOptions(context, id);
    await options.getByLabel('Choose a PIN (4 to 12 digits)').fill('8052');
    await options.getByRole('button', { name: 'Set PIN' }).click();
    await expect(options.locator('.save-status')).toHaveText('The PIN is saved and the lock is on.');
    const again = await openOptions(context, id);
    await expect(again.getByLabel('Region (whose anti-fraud hotline to show)')).toBeDisabled();
    for (let i = 0; i < 4; i++) {
      await again.getByLabel('PIN', { exact: true }).fill('0000');
      await again.getByRole('button', { name: 'Unlock' }).click();
    }
    await expect(again.locator('#unlock .field-error')).toContainText('Too many wrong tries. Try again in 30 seconds.');
    // Even the right PIN is not tried while the wait lasts.
    await again.getByLabel('PIN', { exact: true }).fill('8052');
    await again.getByRole('button', { name: 'Unlock' }).click();
    await expect(again.locator('#unlock .field-error')).toContainText('Too many wrong tries');
    await expect(again.getByLabel('Region (whose anti-fraud hotline to show)')).toBeDisabled();
  });
});

test('senior mode: the danger warning and the popup in large text, one primary action, and "Call <name>" first', async ({ fixturesUrl }) => {
  await withBrowser(TEST_BUILD, async (context, worker, id) => {
    const options = await openOptions(context, id);
    await options.getByLabel('Senior mode: large text, simple words, one clear button').check();
    await expect(options.locator('.save-status')).toHaveText('Saved.');
    await options.getByLabel('Name').fill('Mei');
    await options.getByLabel('Phone number').fill('+44 7700 900123');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.locator('.save-status')).toHaveText('Saved.');

    const page = await context.newPage();
    await page.goto(`${fixturesUrl}/fake-job-en.html`);
    const dialog = page.locator('scam-sentinel-warning').getByRole('dialog');
    await expect(dialog).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByRole('heading')).toHaveText('⚠ Stop. This page looks like a scam.');
    const sizes = await dialog.evaluate((d) => [...d.querySelectorAll('p, button, a, li')].map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    // One primary action; with no PIN set, no way to stay on the page.
    await expect(dialog.locator('button.primary')).toHaveText('Leave this page');
    await expect(dialog.getByRole('button', { name: /trust/i })).toHaveCount(0);
    await expect(dialog.getByRole('link').first()).toHaveText('Call Mei +44 7700 900123');
    await expect(dialog.getByRole('link').first()).toHaveAttribute('href', 'tel:+447700900123');

    // The popup of that tab: large text too, and the family contact first among whom to call.
    const tabId = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? -1;
    });
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/src/ui/popup/index.html?tabId=${tabId}`);
    await expect(popup.locator('#popup[data-ready="true"]')).toBeVisible();
    const popupSizes = await popup.evaluate(() => [...document.querySelectorAll('#popup *')].filter((e) => e.textContent?.trim() && e.children.length === 0).map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...popupSizes)).toBeGreaterThanOrEqual(20);
    await expect(popup.locator('ul.contacts li').first()).toHaveText('Call Mei: +44 7700 900123');
  });
});

const POLICY_DIR = '/etc/chromium/policies/managed';
// One file per test run: Chromium reads every file in the folder, and a run on the same machine
// (another checkout's `npm test`) must not remove this run's policy halfway through its test.
const POLICY_FILE = join(POLICY_DIR, `scam-sentinel-e2e-${process.pid}.json`);

test('a managed policy locks the region, and the options page shows it as set by family or administrator', async () => {
  const writable = (() => {
    try {
      mkdirSync(POLICY_DIR, { recursive: true });
      return true;
    } catch {
      return false;
    }
  })();
  test.skip(!writable, `${POLICY_DIR} is not writable here (the policy test needs root, as on CI)`);
  const id = extensionIdFromKey((JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { key: string }).key);
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [id]: { region: 'TW', familyContactName: '女儿', familyContactPhone: '0912 345 678' } } } }));
  try {
    await withBrowser(EXTENSION_DIR, async (context, _worker, extensionId) => {
      expect(extensionId).toBe(id);
      const options = await openOptions(context, extensionId);
      const region = options.getByLabel('Region (whose anti-fraud hotline to show)');
      await expect(region).toBeDisabled();
      await expect(region).toHaveValue('TW');
      await expect(region).toHaveAccessibleDescription('🔒 Set by your family or administrator');
      await expect(options.locator('.hotline-preview')).toContainText('165');
      await expect(options.getByLabel('Name')).toHaveValue('女儿');
      await expect(options.getByLabel('Name')).toBeDisabled();
      // What policy does not set stays the person's to choose.
      await expect(options.getByLabel('Senior mode: large text, simple words, one clear button')).toBeEnabled();
    });
  } finally {
    rmSync(POLICY_FILE, { force: true });
  }
  expect(existsSync(POLICY_FILE)).toBe(false);
});

test('the options page and the PIN page have no accessibility violations (axe-core), also at 200% zoom', async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await withBrowser(EXTENSION_DIR, async (context, _worker, id) => {
    const options = await openOptions(context, id);
    for (const width of [1000, 500]) {
      await options.setViewportSize({ width, height: 760 });
      const results = await new AxeBuilder({ page: options }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), `width ${width}`).toEqual([]);
      expect(await options.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
    const unlock = await context.newPage();
    await unlock.goto(`chrome-extension://${id}/src/ui/unlock/index.html?host=scam.example`);
    await expect(unlock.locator('#unlock[data-ready="true"]')).toBeVisible();
    const results = await new AxeBuilder({ page: unlock }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
});
