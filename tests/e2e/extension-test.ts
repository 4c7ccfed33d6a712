// Playwright fixtures for end-to-end tests against the BUILT extension (dist/chrome) in the
// Debian Chromium, with the fixture pages served on 127.0.0.1. Worker-scoped: one browser and
// one server for all tests in a worker, since starting Chromium dominates the run time.
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, test as base, type BrowserContext, type Worker } from '@playwright/test';

export const EXTENSION_DIR = fileURLToPath(new URL('../../dist/chrome', import.meta.url));
const FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));
/** The five source articles, beside the repository (never copied into it). */
export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A source article as a web page: its first line the title, every other line a paragraph. */
function articlePage(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const title = escapeHtml(lines[0] ?? '');
  const body = lines.map((l, i) => (i === 0 ? `<h1>${escapeHtml(l)}</h1>` : `<p>${escapeHtml(l)}</p>`)).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article>${body}</article></body></html>`;
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A static server for tests/fixtures; only files directly under it, nothing else. */
function serveFixtures(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const seed = /^\/seeds\/([0-9a-f_]+)\.html$/.exec(path);
    if (seed) {
      const file = join(SEEDS_DIR, `${seed[1]}.txt`);
      if (!existsSync(file)) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.html']! }).end(articlePage(readFileSync(file, 'utf8')));
      return;
    }
    const file = join(FIXTURES_DIR, path);
    if (!file.startsWith(FIXTURES_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
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
      const userDataDir = mkdtempSync(join(tmpdir(), 'scam-sentinel-e2e-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          `--disable-extensions-except=${EXTENSION_DIR}`,
          `--load-extension=${EXTENSION_DIR}`,
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
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

/** The source articles' page names, or [] when shared/ is not beside the repository. */
export function seedPages(): string[] {
  return existsSync(SEEDS_DIR) ? readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '.html')) : [];
}

/** Every fixture page. */
export function fixturePages(): string[] {
  return readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.html'));
}

export { expect } from '@playwright/test';
