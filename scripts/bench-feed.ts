// `npm run bench:feed`: what keeping rules current costs in the browser, measured in Debian's
// Chromium with the test build (dist/chrome-test, which trusts this machine's test key in .build/; `npm test` builds it,
// or `npx tsx scripts/build.ts chrome --test-hooks`). Publishes the current rules as a higher
// version on a local feed, presses "Update now", and prints:
// - how long the whole update takes (fetch, verify, parse, validate, compile, store);
// - what a page then pays to load the feed's rules: the storage read and the parse, repeated.
// Numbers only, no assertions (the machines are shared and noisy).
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension } from '../tests/e2e/extension-test';
import { HELP_OPTION, parseCliArgs } from './lib/cli-error';
import { startFeedServer } from './lib/feed-server';
import { readTestFeedKey } from './lib/test-feed-key';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 9;

const USAGE = `usage: npm run bench:feed
  times a rules update and the loading of the feed's rules in Chromium (needs dist/chrome-test)`;

async function main(): Promise<void> {
  if (!parseCliArgs({ options: HELP_OPTION }, USAGE)) return;
  const dir = mkdtempSync(join(tmpdir(), 'scam-sentinel-bench-feed-'));
  const feed = JSON.parse(readFileSync(join(ROOT, 'dist/feed/rules.json'), 'utf8')) as { version: number; issuedAt: string; expiresAt: string };
  feed.version += 1000;
  feed.issuedAt = new Date(Date.now() - 60_000).toISOString();
  feed.expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  const body = Buffer.from(JSON.stringify(feed));
  const key = readTestFeedKey();
  writeFileSync(join(dir, 'rules.json'), body);
  writeFileSync(join(dir, 'rules.json.sig'), JSON.stringify({ alg: 'Ed25519', keyId: key.trusted.id, signature: sign(null, body, key.privateKey).toString('base64') }));
  const server = await startFeedServer({ dir });
  const { context, userDataDir } = await launchWithExtension(join(ROOT, 'dist/chrome-test'));
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate((url) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ 'test.feedUrl': url }), server.url);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/src/ui/options/index.html`);
    await page.locator('#options[data-ready="true"]').waitFor();
    const started = Date.now();
    await page.getByRole('button', { name: 'Update now' }).click();
    await page.locator('[data-field="version"]').filter({ hasText: String(feed.version) }).waitFor({ timeout: 120_000 });
    const updateMs = Date.now() - started;
    const loads = await page.evaluate(async (runs) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await api.storage.local.get('rules.version');
        JSON.parse((await api.storage.local.get('rules.compiled'))['rules.compiled'] as string);
        out.push(performance.now() - t);
      }
      return out;
    }, RUNS);
    const sorted = [...loads].sort((a, b) => a - b);
    console.log(`Feed: ${Math.round(body.length / 1024)} KiB, version ${feed.version}`);
    console.log(`Update now → rules in force (fetch, verify, validate, compile, store): ${updateMs} ms`);
    console.log(`A page loading the feed's compiled rules (storage read + parse), ${RUNS} runs: median ${sorted[RUNS >> 1]!.toFixed(1)} ms (min ${sorted[0]!.toFixed(1)}, max ${sorted[RUNS - 1]!.toFixed(1)})`);
  } finally {
    await context.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
