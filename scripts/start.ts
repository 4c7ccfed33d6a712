// `npm start`: builds the extension, serves the sample pages on 127.0.0.1 with a gallery that
// links them, and opens Chromium with the extension loaded on that gallery, so a tester sees it
// work in one command. Where there is no display (a server, CI), it says how to load the build
// by hand and keeps serving the gallery until stopped.
//
// Chromium's sandbox cannot start for root: only then is it launched with --no-sandbox, and the
// output says why (issue 12). The temporary profile is removed however the demo ends: the
// browser closed, Ctrl+C (SIGINT) or SIGTERM.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HELP_OPTION, parseCliArgs, runCli } from './lib/cli-error';
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

const USAGE = `usage: npm start [-- --no-build]
  builds dist/chrome and dist/firefox, serves the sample pages on 127.0.0.1 and opens Chromium
  (/usr/bin/chromium or CHROMIUM_PATH) with the extension on their gallery
  --no-build    use the build already in dist/
  PORT=N        serve the sample pages on this port (default: any free one)`;

/** Things to undo when the demo ends, newest first; run once whichever way it ends. */
const cleanups: (() => void | Promise<void>)[] = [];
let stopping = false;
async function stop(exitCode: number): Promise<void> {
  // Closing the browser below fires its 'close' event, which calls stop again: the first call finishes.
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // The browser may already be gone; the other clean-ups still run.
    }
  }
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const parsed = parseCliArgs({ options: { 'no-build': { type: 'boolean', default: false }, ...HELP_OPTION } }, USAGE);
  if (!parsed) return;
  if (!parsed.values['no-build']) build();
  const server = await serveFixtures(Number(process.env.PORT ?? 0));
  const gallery = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  cleanups.push(() => { server.closeAllConnections(); server.close(); });
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));

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
  const profile = mkdtempSync(join(tmpdir(), 'scam-sentinel-start-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  // Chromium refuses to start its sandbox as root; anyone else keeps it.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    console.log('Running as root: Chromium cannot use its sandbox for root, so it starts with --no-sandbox\n' +
      '(it says so in a bar at the top). Run `npm start` as an ordinary user to keep the sandbox.');
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport: null,
    chromiumSandbox: !asRoot,
    // This script closes the browser and removes the profile itself on Ctrl+C.
    handleSIGINT: false,
    handleSIGTERM: false,
    args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run', '--disable-sync'],
  });
  cleanups.push(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(gallery);
  console.log(`Chromium is open on ${gallery} with the extension loaded. Close the browser or press Ctrl+C to stop.`);
  context.on('close', () => void stop(0));
}

runCli(main);
