// The store archives of `npm run package` (issue 13), tested as the stores and people get them:
// the Firefox archive passes `web-ext lint` (AMO's checks), and the Chrome zip, unpacked to a
// temporary folder, loads in Chromium, warns on a danger page, and its popup says the built-in
// rules are in force (the feed's address is unreachable here, as on every install before the
// first feed is published) rather than that something failed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from '@playwright/test';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { packageVersion } from '../../scripts/lib/source-manifest';
import { ARTIFACTS_DIR, archiveName, checkArchive, unzipFiles } from '../../scripts/lib/store-archive';
import { describeLintMessage, webExtLint } from '../../scripts/lib/web-ext-lint';
import { expect, launchWithExtension, test } from './extension-test';

const version = packageVersion();
const archive = (kind: 'chrome' | 'firefox'): string => join(repoRoot, ARTIFACTS_DIR, archiveName(version, kind));

/** The archive's files written under a new temporary folder, which is returned. */
function unpack(kind: 'chrome' | 'firefox'): { dir: string; files: Map<string, Uint8Array> } {
  expect(existsSync(archive(kind)), `${archive(kind)} is missing: run \`npm run package\` first`).toBe(true);
  const files = unzipFiles(new Uint8Array(readFileSync(archive(kind))));
  const dir = mkdtempSync(join(tmpdir(), `scam-sentinel-${kind}-zip-`));
  for (const [path, data] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return { dir, files };
}

// `chrome` exists only inside the worker; the part of it the test evaluates there.
interface ChromeInWorker {
  tabs: { query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
}

async function activeBadge(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id === undefined ? '' : api.action.getBadgeText({ tabId: tab.id });
  });
}

test('the Firefox archive passes web-ext lint and carries package.json\'s version', () => {
  const { dir, files } = unpack('firefox');
  try {
    expect(checkArchive(files, { target: 'firefox', version, sourceMaps: false })).toEqual([]);
    const report = webExtLint(dir);
    for (const m of report.warnings) console.warn(describeLintMessage('warning', m));
    expect(report.errors.map((m) => describeLintMessage('ERROR', m))).toEqual([]);
    expect(report.summary.errors).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Chrome zip, unpacked, loads in Chromium: the worker starts, a danger page warns, the popup names the built-in rules', async ({ fixturesUrl }) => {
  const { dir, files } = unpack('chrome');
  expect(checkArchive(files, { target: 'chrome', version, sourceMaps: false })).toEqual([]);
  const { context, userDataDir } = await launchWithExtension(dir);
  try {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    expect(await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version)).toBe(version);

    const page = await context.newPage();
    await page.goto(`${fixturesUrl}/investment-scam-zh.html`);
    await page.bringToFront();
    await expect.poll(() => activeBadge(worker), { timeout: 15_000 }).toBe('!!');
    expect(await page.evaluate(() => document.querySelector('scam-sentinel-warning') !== null)).toBe(true);

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html`);
    await expect(popup.locator('#popup[data-ready="true"]')).toBeVisible();
    await expect(popup.locator('footer .rules-summary')).toHaveAttribute('data-state', 'bundled');
    await expect(popup.locator('footer [data-field="issued"]')).toContainText(/\(.+\)/);
    await expect(popup.locator('footer [data-field="last-error"]')).toHaveCount(0);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});
