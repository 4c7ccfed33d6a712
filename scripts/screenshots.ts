// `npm run screenshots`: pictures of the warning and the popup, in English and Chinese, for
// docs/ and the README. Runs the built extension (npm run build first) in Chromium on the sample
// pages. Chinese text needs a CJK font on the machine (Debian: fonts-noto-cjk).
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { HELP_OPTION, parseCliArgs } from './lib/cli-error';
import { serveFixtures } from './lib/fixture-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION_DIR = join(ROOT, 'dist/chrome');
const DOCS = join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function launch(lang: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'scam-sentinel-shots-')), {
    executablePath: CHROMIUM,
    headless: true,
    locale: lang,
    env: { ...process.env, LANGUAGE: lang.replace('-', '_'), TZ: lang === 'zh-CN' ? 'Asia/Shanghai' : 'Europe/London' },
    timezoneId: lang === 'zh-CN' ? 'Asia/Shanghai' : 'Europe/London',
    viewport: { width: 1000, height: 760 },
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, `--lang=${lang}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

async function shots(base: string, lang: string, suffix: string, page: string): Promise<void> {
  const context = await launch(lang);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const tab = await context.newPage();
    await tab.goto(`${base}/${page}`);
    await tab.waitForTimeout(2500);
    await tab.screenshot({ path: join(DOCS, `warning-${suffix}.png`) });
    const tabId = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } }).chrome;
      const [t] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      return t?.id ?? -1;
    });
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 420, height: 760 });
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
    await popup.waitForSelector('#popup[data-ready="true"]');
    await popup.screenshot({ path: join(DOCS, `popup-${suffix}.png`) });
  } finally {
    await context.close();
  }
}

/** Senior mode with a family contact (issue 5): the large warning, and the options page that set it. */
async function seniorShots(base: string): Promise<void> {
  const context = await launch('en-GB');
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
      await api.storage.local.set({
        settings: { schemaVersion: 1, region: 'GB', sensitivity: 'standard', seniorMode: true, familyContact: { name: 'Mei', phone: '+44 7700 900123' }, allowlist: [], lock: false, disableAllowlist: false, hideProceedAnyway: false, rulesFeedUrl: '' },
      });
    });
    const tab = await context.newPage();
    await tab.goto(`${base}/fake-job-en.html`);
    await tab.waitForTimeout(2500);
    await tab.screenshot({ path: join(DOCS, 'warning-senior-en.png') });
    const options = await context.newPage();
    await options.setViewportSize({ width: 900, height: 1400 });
    await options.goto(`chrome-extension://${extensionId}/src/ui/options/index.html`);
    await options.waitForSelector('#options[data-ready="true"]');
    await options.screenshot({ path: join(DOCS, 'options-senior-en.png'), fullPage: true });
  } finally {
    await context.close();
  }
}

const USAGE = `usage: npm run screenshots
  the warning and the popup in English and Chinese, into docs/screenshots (needs npm run build)`;

async function main(): Promise<void> {
  if (!parseCliArgs({ options: HELP_OPTION }, USAGE)) return;
  mkdirSync(DOCS, { recursive: true });
  const server = await serveFixtures();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await shots(base, 'en-GB', 'en', 'fake-job-en.html');
    await shots(base, 'zh-CN', 'zh', 'investment-scam-zh.html');
    await seniorShots(base);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  console.log(`Screenshots written to ${DOCS}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
