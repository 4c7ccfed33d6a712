import { describe, expect, test, vi } from 'vitest';
import { backoffMs, CHECK_INTERVAL_MS, createRulesUpdater, MAX_BACKOFF_MS, REQUEST_TIMEOUT_MS, type UpdaterDeps } from '../../src/background/rules-updater';
import { analyze } from '../../src/engine/analyze';
import { deserializeCompiled, type SerializedRules } from '../../src/engine/serialize-compiled';
import type { FeedErrorCode } from '../../src/rules/feed-error';
import { RULES_KEYS } from '../../src/rules/rules-in-force';
import type { RulesStatus } from '../../src/shared/rules-status';
import { bytesOf, feed, NOW, rule, signatureFor, strangerKey, TRUSTED } from './helpers/feed-fixtures';

// The updater with a fake fetch, a fake clock and a fake storage (issue 4): one test per way a
// feed can be bad or a server can misbehave. Each must leave the rules in force untouched and
// record why; the back-off grows with each failure and resets on success.

const FEED_URL = 'https://feed.example/rules.json';
type Route = (init: RequestInit) => Response | Promise<Response>;

function harness(routes: Record<string, Route> = {}) {
  const store = new Map<string, unknown>();
  const alarms: number[] = [];
  const requests: { url: string; headers: Record<string, string> }[] = [];
  let now = NOW;
  const deps: UpdaterDeps = {
    fetch: async (url, init) => {
      requests.push({ url, headers: { ...(init.headers as Record<string, string>) } });
      const route = routes[url];
      if (!route) return new Response('not found', { status: 404 });
      return route(init);
    },
    now: () => now,
    random: () => 0.5,
    storage: {
      get: async (keys) => Object.fromEntries(keys.filter((k) => store.has(k)).map((k) => [k, structuredClone(store.get(k))])),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
      },
    },
    feedUrl: async () => FEED_URL,
    trustedKeys: TRUSTED,
    extensionVersion: '0.1.0',
    bundledVersion: 1,
    scheduleCheck: async (when) => {
      alarms.push(when);
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  return {
    deps,
    store,
    alarms,
    requests,
    routes,
    updater: createRulesUpdater(deps),
    advance: (ms: number) => (now += ms),
    /** Publishes a body and its signature (by default a valid one over that body). */
    publish(body: Uint8Array | string, signature?: string, headers: Record<string, string> = {}) {
      const bytes = typeof body === 'string' ? bytesOf(body) : body;
      routes[FEED_URL] = () => new Response(bytes as BodyInit, { headers: { ETag: `"v${bytes.length}"`, ...headers } });
      routes[`${FEED_URL}.sig`] = () => new Response(signature ?? signatureFor(bytes));
    },
  };
}

const versionInForce = (store: Map<string, unknown>): unknown => store.get(RULES_KEYS.version);

describe('accepting a good feed', () => {
  test('stores the compiled rules, the lists and the version in one swap; the new rule detects', async () => {
    const h = harness();
    const body = bytesOf(feed({ version: 2 }));
    h.publish(body);
    const status = await h.updater.check('manual');
    expect(status).toMatchObject({ version: 2, source: 'feed', failures: 0, lastError: null, lastSuccess: NOW, lastUpdate: NOW });
    expect(versionInForce(h.store)).toBe(2);
    const compiled = deserializeCompiled(JSON.parse(h.store.get(RULES_KEYS.compiled) as string) as SerializedRules);
    expect(analyze({ text: 'Join us for a guaranteed daily profit' }, compiled).findings.map((f) => f.ruleId)).toContain('feed-guaranteed-en');
    expect(h.store.get(RULES_KEYS.domains)).toEqual(feed().domains);
    expect(status.nextCheck).toBe(NOW + CHECK_INTERVAL_MS);
    expect(h.alarms.at(-1)).toBe(status.nextCheck);
  });

  test('sends the validators next time; a 304 keeps the rules and counts as a success', async () => {
    const h = harness();
    h.publish(bytesOf(feed({ version: 2 })), undefined, { 'Last-Modified': 'Mon, 23 Nov 2026 10:00:00 GMT' });
    await h.updater.check('manual');
    h.routes[FEED_URL] = () => new Response(null, { status: 304 });
    h.advance(CHECK_INTERVAL_MS);
    const status = await h.updater.check('alarm');
    expect(h.requests.at(-1)!.headers).toMatchObject({ 'If-None-Match': expect.stringMatching(/^"v\d+"$/), 'If-Modified-Since': 'Mon, 23 Nov 2026 10:00:00 GMT' });
    expect(status).toMatchObject({ version: 2, failures: 0, lastError: null, lastSuccess: NOW + CHECK_INTERVAL_MS });
    expect(versionInForce(h.store)).toBe(2);
  });

  test('the same version again is "up to date", not an error', async () => {
    const h = harness();
    h.publish(bytesOf(feed({ version: 1 })));
    const status = await h.updater.check('manual');
    expect(status).toMatchObject({ version: 1, source: 'bundled', lastError: null, failures: 0 });
    expect(h.store.has(RULES_KEYS.compiled)).toBe(false);
  });

  test('after an extension update that bundles newer rules than the feed, the older feed is "current", not an attack', async () => {
    const h = harness();
    h.deps.bundledVersion = 5;
    h.publish(bytesOf(feed({ version: 3 })));
    const status = await createRulesUpdater(h.deps).check('manual');
    expect(status).toMatchObject({ version: 5, source: 'bundled', lastError: null, failures: 0 });
    expect(h.store.has(RULES_KEYS.compiled)).toBe(false);
  });

  test('on install or update, the feed in force is fetched whole and compiled again by this version', async () => {
    const h = harness();
    h.publish(bytesOf(feed({ version: 2 })));
    await h.updater.check('manual');
    // An older version of the extension left compiled rules this one cannot read.
    h.store.set(RULES_KEYS.compiled, '{"format":0}');
    const status = await h.updater.check('install');
    expect(h.requests.filter((r) => r.url === FEED_URL).at(-1)!.headers['If-None-Match']).toBeUndefined();
    expect(status).toMatchObject({ version: 2, source: 'feed', lastError: null });
    expect(() => deserializeCompiled(JSON.parse(h.store.get(RULES_KEYS.compiled) as string) as SerializedRules)).not.toThrow();
  });

  test('the signature is verified by the library where WebCrypto lacks Ed25519', async () => {
    const h = harness();
    h.deps.verify = { webCrypto: false };
    h.publish(bytesOf(feed({ version: 3 })));
    expect((await createRulesUpdater(h.deps).check('manual')).version).toBe(3);
  });
});

// Each case: what the server answers, and the error the updater must record.
const big = new Uint8Array(10 * 1024 * 1024).fill(0x20);
const failures: [string, FeedErrorCode, (h: ReturnType<typeof harness>) => void][] = [
  ['a bad signature', 'bad-signature', (h) => {
    const body = bytesOf(feed({ version: 5 }));
    const sig = JSON.parse(signatureFor(body)) as { signature: string };
    const raw = Uint8Array.from(atob(sig.signature), (c) => c.charCodeAt(0));
    raw[0]! ^= 0xff;
    h.publish(body, JSON.stringify({ ...sig, alg: 'Ed25519', keyId: TRUSTED[0]!.id, signature: btoa(String.fromCharCode(...raw)) }));
  }],
  ['a signature by an unknown key', 'unknown-key', (h) => {
    const body = bytesOf(feed({ version: 5 }));
    const stranger = strangerKey();
    h.publish(body, signatureFor(body, stranger.key, stranger.id));
  }],
  ['a trusted key claimed for a stranger\'s signature', 'bad-signature', (h) => {
    const body = bytesOf(feed({ version: 5 }));
    h.publish(body, signatureFor(body, strangerKey().key));
  }],
  ['a valid signature over other bytes', 'bad-signature', (h) => {
    const signed = bytesOf(feed({ version: 5 }));
    h.publish(bytesOf(feed({ version: 6 })), signatureFor(signed));
  }],
  ['a rollback to a lower version', 'rollback', (h) => {
    h.store.set(RULES_KEYS.status, { version: 4, source: 'feed' });
    h.publish(bytesOf(feed({ version: 3 })));
  }],
  ['an expired feed', 'expired', (h) => h.publish(bytesOf(feed({ version: 5, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z' })))],
  ['a feed for a newer extension', 'extension-too-old', (h) => h.publish(bytesOf(feed({ version: 5, minExtensionVersion: '9.0.0' })))],
  ['a truncated body', 'truncated', (h) => {
    const body = bytesOf(feed({ version: 5 }));
    h.publish(body.slice(0, 100), signatureFor(body), { 'Content-Length': String(body.length) });
  }],
  ['a truncated body without Content-Length', 'bad-signature', (h) => {
    const body = bytesOf(feed({ version: 5 }));
    h.publish(body.slice(0, body.length - 40), signatureFor(body));
  }],
  ['a 10 MB body', 'too-large', (h) => h.publish(big, signatureFor(big))],
  ['a 10 MB body that declares its size', 'too-large', (h) => h.publish(big, signatureFor(big), { 'Content-Length': String(big.length) })],
  ['invalid JSON, signed', 'invalid-json', (h) => h.publish('{"schema": 1, "version": 5,')],
  ['not UTF-8, signed', 'invalid-json', (h) => h.publish(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))],
  ['a rule that fails validation', 'invalid-rule', (h) => h.publish(bytesOf(feed({ version: 5, rules: [rule('bad', ['x'], { weight: 99 })] })))],
  ['an unsafe regular expression', 'unsafe-regex', (h) => h.publish(bytesOf(feed({ version: 5, rules: [rule('redos-en', [], { patterns: { regex: ['(a+)+b'] } })] })))],
  ['a domain list with a bad entry', 'invalid-domains', (h) => h.publish(bytesOf(feed({ version: 5, domains: [{ id: 'x', name: 'x', licence: 'x', url: 'x', entries: ['<script>'] }] })))],
  ['a wrong schema', 'invalid-feed', (h) => h.publish(bytesOf({ ...feed({ version: 5 }), schema: 2 }))],
  ['HTTP 404', 'http-status', (h) => (h.routes[FEED_URL] = () => new Response('gone', { status: 404 }))],
  ['HTTP 500', 'http-status', (h) => (h.routes[FEED_URL] = () => new Response('oops', { status: 500 }))],
  ['a missing signature file', 'http-status', (h) => {
    h.publish(bytesOf(feed({ version: 5 })));
    delete h.routes[`${FEED_URL}.sig`];
  }],
  ['a network error', 'network', (h) => (h.routes[FEED_URL] = () => Promise.reject(new TypeError('Failed to fetch')))],
  ['a redirect to another origin', 'redirect', (h) => {
    const body = bytesOf(feed({ version: 5 }));
    h.publish(body);
    h.routes[FEED_URL] = () => {
      const response = new Response(body as BodyInit);
      Object.defineProperty(response, 'redirected', { value: true });
      Object.defineProperty(response, 'url', { value: 'https://mirror.evil.example/rules.json' });
      return response;
    };
  }],
];

describe('refusing a bad feed', () => {
  test.each(failures)('%s: the rules in force stay and the error is recorded (%s)', async (_, code, setUp) => {
    const h = harness();
    // Version 2 is in force from an earlier, good feed.
    h.publish(bytesOf(feed({ version: 2 })));
    await h.updater.check('manual');
    const before = { compiled: h.store.get(RULES_KEYS.compiled), domains: h.store.get(RULES_KEYS.domains) };
    if (code === 'rollback') h.store.set(RULES_KEYS.status, { ...(h.store.get(RULES_KEYS.status) as RulesStatus), version: 4 });
    setUp(h);
    h.advance(60 * 60 * 1000);
    const status = await h.updater.check('manual');
    expect(status.lastError?.code).toBe(code);
    expect(status.failures).toBe(1);
    expect(status.version).toBe(code === 'rollback' ? 4 : 2);
    expect(versionInForce(h.store)).toBe(2);
    expect(h.store.get(RULES_KEYS.compiled)).toBe(before.compiled);
    expect(h.store.get(RULES_KEYS.domains)).toEqual(before.domains);
    expect(status.nextCheck).toBe(status.lastCheck! + backoffMs(1));
    if (code === 'http-status') expect(status.lastError?.httpStatus).toBeGreaterThanOrEqual(404);
  });

  test('a server that never answers: the check gives up after the time-out and records it', async () => {
    vi.useFakeTimers();
    try {
      const h = harness({ [FEED_URL]: () => new Promise<Response>(() => undefined) });
      const pending = h.updater.check('manual');
      await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 1);
      const status = await pending;
      expect(status.lastError?.code).toBe('timeout');
      expect(status).toMatchObject({ version: 1, source: 'bundled', failures: 1 });
      expect(h.store.has(RULES_KEYS.version)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a body that stops arriving also times out', async () => {
    vi.useFakeTimers();
    try {
      const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(bytesOf('{"schema":')) });
      const h = harness({ [FEED_URL]: () => new Response(stalled) });
      const pending = h.updater.check('manual');
      await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 1);
      expect((await pending).lastError?.code).toBe('timeout');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('back-off and schedule', () => {
  test('the wait doubles with each failure, is capped at a day, and resets on success', async () => {
    const h = harness({ [FEED_URL]: () => new Response('', { status: 503 }) });
    const waits: number[] = [];
    for (let i = 1; i <= 9; i++) {
      const status = await h.updater.check('manual');
      expect(status.failures).toBe(i);
      waits.push(status.nextCheck! - status.lastCheck!);
      h.advance(waits.at(-1)!);
    }
    expect(waits.slice(0, 4)).toEqual([15, 30, 60, 120].map((m) => m * 60 * 1000));
    expect(Math.max(...waits)).toBe(MAX_BACKOFF_MS);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    h.publish(bytesOf(feed({ version: 2 })));
    const ok = await h.updater.check('alarm');
    expect(ok).toMatchObject({ failures: 0, lastError: null, version: 2 });
    expect(ok.nextCheck! - ok.lastCheck!).toBe(CHECK_INTERVAL_MS);
  });

  test('Retry-After makes the next try wait at least that long', async () => {
    const h = harness({ [FEED_URL]: () => new Response('', { status: 429, headers: { 'Retry-After': '7200' } }) });
    const status = await h.updater.check('manual');
    expect(status.nextCheck! - status.lastCheck!).toBe(7200 * 1000);
  });

  test('jitter spreads checks by ±10%', async () => {
    const h = harness();
    h.deps.random = () => 0;
    h.publish(bytesOf(feed({ version: 2 })));
    const early = await createRulesUpdater(h.deps).check('manual');
    expect(early.nextCheck! - early.lastCheck!).toBe(CHECK_INTERVAL_MS * 0.9);
  });

  test('a browser start during a back-off or soon after a check does not ask the server', async () => {
    const h = harness({ [FEED_URL]: () => new Response('', { status: 500 }) });
    const failed = await h.updater.check('manual');
    h.advance(5 * 60 * 1000);
    const requests = h.requests.length;
    const again = await h.updater.check('startup');
    expect(h.requests.length).toBe(requests);
    expect(again.failures).toBe(1);
    expect(h.alarms.at(-1)).toBe(failed.nextCheck);
    // "Update now" always asks.
    await h.updater.check('manual');
    expect(h.requests.length).toBe(requests + 1);
  });

  test('the alarm after the first failure runs the check, though it comes sooner than the start-up wait', async () => {
    const h = harness({ [FEED_URL]: () => new Response('', { status: 500 }) });
    const failed = await h.updater.check('install');
    h.advance(failed.nextCheck! - failed.lastCheck!);
    const requests = h.requests.length;
    const again = await h.updater.check('alarm');
    expect(h.requests.length).toBe(requests + 1);
    expect(again.failures).toBe(2);
    // Every alarm set lies ahead of the time it was set: no alarm that fires at once, in a loop.
    expect(h.alarms.at(-1)).toBeGreaterThan(again.lastCheck!);
  });

  test('a browser start after a due retry but within the start-up wait re-arms the alarm for the end of the wait', async () => {
    const h = harness({ [FEED_URL]: () => new Response('', { status: 500 }) });
    const failed = await h.updater.check('manual');
    h.advance(20 * 60 * 1000);
    const requests = h.requests.length;
    await h.updater.check('startup');
    expect(h.requests.length).toBe(requests);
    expect(h.alarms.at(-1)).toBe(failed.lastCheck! + 30 * 60 * 1000);
  });

  test('an alarm that fires early (the browser was asleep, or alarms came together) does not ask', async () => {
    const h = harness();
    h.publish(bytesOf(feed({ version: 2 })));
    const ok = await h.updater.check('manual');
    h.advance(60 * 60 * 1000);
    const requests = h.requests.length;
    await h.updater.check('alarm');
    expect(h.requests.length).toBe(requests);
    expect(h.alarms.at(-1)).toBe(ok.nextCheck);
  });

  test('concurrent checks share one request', async () => {
    const h = harness();
    h.publish(bytesOf(feed({ version: 2 })));
    const [a, b] = await Promise.all([h.updater.check('manual'), h.updater.check('alarm')]);
    expect(a).toEqual(b);
    expect(h.requests.filter((r) => r.url === FEED_URL)).toHaveLength(1);
  });

  test('backoffMs', () => {
    expect([1, 2, 3, 7, 8, 50].map(backoffMs)).toEqual([15, 30, 60, 960, 1440, 1440].map((m) => m * 60 * 1000));
  });
});

describe('stored status', () => {
  test('a tampered status never raises the version above what was stored, and bad fields fall back', async () => {
    const h = harness();
    h.store.set(RULES_KEYS.status, { version: 'x', source: 'feed', failures: -3, lastError: { code: 'nonsense' }, etag: 42 });
    const status = await h.updater.status();
    expect(status).toMatchObject({ version: 1, source: 'bundled', failures: 0, lastError: null, etag: null });
  });
});
