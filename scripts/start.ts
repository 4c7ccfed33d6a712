// `npm start`: builds the extension, serves the sample pages on 127.0.0.1 with a gallery that
// links them, and opens Chromium with the extension loaded on that gallery, so a tester sees it
// work in one command. Where there is no display (a server, CI), it says how to load the build
// by hand and keeps serving the gallery until stopped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveFixtures } from './lib/fixture-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION_DIR = join(ROOT, 'dist/chrome');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function build(): void {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const result = spawnSync(tsx, [join(ROOT, 'scripts/build.ts'), 'chrome', 'firefox'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const hasDisplay = (): boolean => platform() !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) build();
  const server = await serveFixtures(Number(process.env.PORT ?? 0));
  const gallery = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const stop = (): void => { server.closeAllConnections(); server.close(); };
  process.on('SIGINT', () => { stop(); process.exit(0); });

  if (!hasDisplay() || !existsSync(CHROMIUM)) {
    console.log(`
No ${hasDisplay() ? `Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` : 'display'} to open a browser here. To try the extension by hand:
  1. In Chrome, Edge or Chromium open chrome://extensions, switch on Developer mode,
     click "Load unpacked" and choose ${EXTENSION_DIR}
     (Firefox: about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${join(ROOT, 'dist/firefox/manifest.json')}).
  2. Open the sample pages: ${gallery}
Serving the sample pages until you press Ctrl+C.`);
    return;
  }
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'scam-sentinel-start-')), {
    executablePath: CHROMIUM,
    headless: false,
    viewport: null,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(gallery);
  console.log(`Chromium is open on ${gallery} with the extension loaded. Close the browser to stop.`);
  context.on('close', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
