// The feed tools: `npm run rules -- keygen | sign | verify` round trip (the CLI's main, run
// in-process with its output captured, and once as a real process the way a maintainer runs it),
// and `rules serve` answering as a static host does: validators, 304, CORS for an extension
// origin, and the switches that misbehave on purpose.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFeedServer, type FeedServer } from '../../scripts/lib/feed-server';
import { bytesOf, feed, signatureFor } from './helpers/feed-fixtures';

import { runMain } from '../../scripts/lib/run-main';
import { main } from '../../scripts/rules';

const root = new URL('../..', import.meta.url).pathname;
const rules = (...args: string[]) => runMain(main, args);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scam-sentinel-cli-feed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keygen, sign, verify', () => {
  test('a new key signs; verify refuses it until the key is trusted, accepts it with --trust, and refuses a tampered feed', async () => {
    const keyFile = join(dir, 'k.private.pem');
    const keygen = await rules('keygen', '--out', keyFile);
    expect(keygen.exitCode, keygen.stderr).toBe(0);
    const publicKey = /public key: ([A-Za-z0-9+/]{43}=)/.exec(keygen.stdout)?.[1];
    expect(publicKey).toBeDefined();
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    // Never overwrites a key.
    expect((await rules('keygen', '--out', keyFile)).exitCode).toBe(1);

    const feedFile = join(dir, 'rules.json');
    writeFileSync(feedFile, JSON.stringify(feed({ version: 7 })));
    const signed = await rules('sign', '--key', keyFile, feedFile);
    expect(signed.exitCode, signed.stderr).toBe(0);
    expect(signed.stdout).toContain('is not in RELEASE_KEYS');
    const unknown = await rules('verify', feedFile);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('unknown-key');

    const ok = await rules('verify', '--trust', publicKey!, feedFile);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('version 7, 2 rules compile');
    writeFileSync(feedFile, readFileSync(feedFile, 'utf8').replace('"version":7', '"version":8'));
    const tampered = await rules('verify', '--trust', publicKey!, feedFile);
    expect(tampered.exitCode).toBe(1);
    expect(tampered.stderr).toContain('bad-signature');
  });

  test("a wrong option or command prints the tool's usage and exits with 2", async () => {
    for (const args of [['keygen', '--outt', 'x.pem'], ['frobnicate'], []]) {
      const run = await rules(...args);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain('usage: npm run rules -- <command> [options]');
    }
    const help = await rules('sign', '--help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('sign --key FILE [FEED]');
  });

  // One real process, as `npm run rules` starts it: the entry point runs main and sets the exit
  // code. Starting tsx takes seconds on a busy machine, hence the generous limit.
  test('as a real process: verify refuses a feed with no signature, with exit code 1', () => {
    const feedFile = join(dir, 'unsigned.json');
    writeFileSync(feedFile, JSON.stringify(feed()));
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/rules.ts'), 'verify', feedFile], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toBe(`error: ✗ 1 problem(s):\n  - ${feedFile}.sig does not exist: sign the feed first\n`);
  }, 120_000);

  test('signing keys are kept out of the repository by .gitignore', () => {
    for (const path of ['keys/feed-signing.private.pem', 'anywhere/release.private.pem']) {
      expect(spawnSync('git', ['check-ignore', '-q', path], { cwd: root }).status, path).toBe(0);
    }
  });
});

describe('rules serve', () => {
  let server: FeedServer;
  const body = bytesOf(feed());
  beforeAll(async () => {
    writeFileSync(join(dir, 'rules.json'), body);
    writeFileSync(join(dir, 'rules.json.sig'), signatureFor(body));
    server = await startFeedServer({ dir });
  });
  afterAll(() => server.close());

  test('serves the feed with validators, and 304 to a matching If-None-Match', async () => {
    const first = await fetch(server.url);
    expect(first.status).toBe(200);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(body);
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('Last-Modified')).toBeTruthy();
    const again = await fetch(server.url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(server.requests.at(-1)?.ifNoneMatch).toBe(etag);
    expect((await fetch(`${server.url}.sig`)).status).toBe(200);
    expect((await fetch(server.url.replace('rules.json', 'other.json'))).status).toBe(404);
  });

  test('answers a CORS preflight for the conditional headers and exposes the validators', async () => {
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Headers': 'if-none-match' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('If-None-Match');
    expect((await fetch(server.url)).headers.get('Access-Control-Expose-Headers')).toContain('ETag');
  });

  test('the switches: an error status, a slow answer, another file', async () => {
    server.options.status = 503;
    expect((await fetch(server.url)).status).toBe(503);
    delete server.options.status;
    server.options.delayMs = 150;
    const started = Date.now();
    expect((await fetch(server.url)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    delete server.options.delayMs;
    const other = join(dir, 'v9.json');
    writeFileSync(other, '{"other":true}');
    server.options.file = other;
    expect(await (await fetch(server.url)).text()).toBe('{"other":true}');
    delete server.options.file;
  });

  test('hang: the connection is accepted and never answered', async () => {
    server.options.hang = true;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    await expect(fetch(server.url, { signal: controller.signal })).rejects.toThrow();
    clearTimeout(timer);
    delete server.options.hang;
  });
});
