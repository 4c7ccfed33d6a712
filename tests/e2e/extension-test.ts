// Playwright fixtures for end-to-end tests against the BUILT extension (dist/chrome) in the
// Debian Chromium, with the fixture pages served on 127.0.0.1. Worker-scoped: one browser and
// one server for all tests in a worker, since starting Chromium dominates the run time.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveFixtures } from '../../scripts/lib/fixture-server';
import { chromium, test as base, type BrowserContext, type Worker } from '@playwright/test';

export const EXTENSION_DIR = fileURLToPath(new URL('../../dist/chrome', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with one unpacked extension loaded, in a fresh profile. */
export async function launchWithExtension(extensionDir: string): Promise<{ context: BrowserContext; userDataDir: string }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'scam-sentinel-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { context, userDataDir };
}

interface WorkerFixtures {
  fixturesUrl: string;
  extensionContext: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}

export const test = base.extend<object, WorkerFixtures>({
  fixturesUrl: [
    async ({}, use) => {
      const server = await serveFixtures();
      const { port } = server.address() as AddressInfo;
      await use(`http://127.0.0.1:${port}`);
      // The browser keeps connections alive; without closing them, close() waits for ever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    { scope: 'worker' },
  ],

  extensionContext: [
    async ({}, use) => {
      if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
        throw new Error('dist/chrome is missing: run `npm run build` before the e2e tests');
      }
      const { context, userDataDir } = await launchWithExtension(EXTENSION_DIR);
      await use(context);
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  serviceWorker: [
    async ({ extensionContext }, use) => {
      const worker =
        extensionContext.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
        (await extensionContext.waitForEvent('serviceworker', {
          predicate: (w) => w.url().startsWith('chrome-extension://'),
        }));
      await use(worker);
    },
    { scope: 'worker' },
  ],

  extensionId: [
    async ({ serviceWorker }, use) => {
      await use(new URL(serviceWorker.url()).host);
    },
    { scope: 'worker' },
  ],
});

export { fixturePages, seedPages } from '../../scripts/lib/fixture-server';
export { expect } from '@playwright/test';
