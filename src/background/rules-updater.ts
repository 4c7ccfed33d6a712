// Keeps the rules current from the signed feed (issue 4), the way the most trusted updaters do:
// Firefox Remote Settings (signed data, the bundled copy as the fallback), Safe Browsing (a
// minimum wait between updates, exponential back-off on errors), and The Update Framework's list
// of attacks (accept-feed.ts). Everything it touches is passed in (fetch, clock, storage, alarm),
// so the unit tests drive it with fakes; service-worker.ts wires it to the browser.
//
// The flow: fetch rules.json conditionally (ETag / If-Modified-Since) → on 200 fetch its
// signature → acceptFeed (size, signature, parse, version, expiry, extension version, validate
// and compile) → one storage.set with the compiled rules, the lists, the version and the status
// (the swap is atomic: readers see the old set or the new one, never half) → content scripts see
// rules.version change and rescan. On any failure the rules in force stay and only the status
// changes; the next try waits longer each time, up to a day.
import { serializeCompiled } from '../engine/serialize-compiled';
import { derivePrefilter } from '../engine/prefilter';
import { acceptFeed } from '../rules/accept-feed';
import { FeedError } from '../rules/feed-error';
import { MAX_FEED_BYTES } from '../rules/parse-feed';
import type { TrustedKey, VerifyOptions } from '../rules/verify-signature';
import { acceptedRulesItems, RULES_KEYS, type AcceptedRules } from '../rules/rules-in-force';
import { parseRulesStatus, type RulesStatus } from '../shared/rules-status';
import { BodyTooLargeError, readCappedBody } from '../shared/read-capped-body';

export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface UpdaterDeps {
  fetch: FetchLike;
  now(): number;
  /** In [0, 1): the jitter that keeps millions of browsers from asking at the same moment. */
  random(): number;
  storage: KeyValueStore;
  /** Where the feed is (a managed policy may set it; see service-worker.ts). */
  feedUrl(): Promise<string>;
  trustedKeys: readonly TrustedKey[];
  extensionVersion: string;
  bundledVersion: number;
  /** When the bundled rules were issued (their build's date), shown as their age. */
  bundledIssuedAt?: string | null;
  /** Wakes the worker at `when` (ms since the epoch) for the next check: browser.alarms. */
  scheduleCheck(when: number): Promise<void>;
  /** Timers for the request time-out (injected so the tests can use a fake clock). */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  verify?: VerifyOptions;
}

export type CheckReason = 'install' | 'startup' | 'alarm' | 'manual';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** Between successful checks. */
export const CHECK_INTERVAL_MS = 6 * HOUR;
/** The first retry after a failure; doubles with each further failure. */
export const FIRST_RETRY_MS = 15 * MINUTE;
export const MAX_BACKOFF_MS = 24 * HOUR;
/** Automatic checks never come closer than this (browser restarts, alarms that fire together). */
export const MIN_WAIT_MS = 30 * MINUTE;
/** A request (both files, bodies included) that takes longer is abandoned. */
export const REQUEST_TIMEOUT_MS = 60 * 1000;
const MAX_SIGNATURE_BYTES = 4096;

/** ±10%: spreads the load of many browsers over time. */
function jittered(ms: number, random: number): number {
  return Math.round(ms * (0.9 + 0.2 * random));
}

/** The wait before the next try after `failures` consecutive failures: 15 min, 30, 60 … ≤ 24 h. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

/** Retry-After in seconds or as an HTTP date, in ms from now; null when absent or unreadable. */
function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** The body, capped (read-capped-body.ts), and checked against the length the server declared. */
async function readCapped(response: Response, max: number): Promise<Uint8Array> {
  let body: Uint8Array;
  try {
    body = await readCappedBody(response, max);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new FeedError('too-large', e.message);
    throw e;
  }
  const declared = Number(response.headers.get('Content-Length'));
  if (response.headers.has('Content-Length') && Number.isFinite(declared) && declared !== body.length) {
    throw new FeedError('truncated', `received ${body.length} of ${declared} bytes`);
  }
  return body;
}

/** What one successful attempt ends with: the status, and the rules to put in force when a newer feed was accepted. */
export interface CheckOutcome {
  status: RulesStatus;
  accepted: AcceptedRules | null;
}

export interface RulesUpdater {
  /** Checks the feed now (or joins the check under way) and returns the status after it. */
  check(reason: CheckReason): Promise<RulesStatus>;
  status(): Promise<RulesStatus>;
}

export function createRulesUpdater(deps: UpdaterDeps): RulesUpdater {
  let inFlight: Promise<RulesStatus> | null = null;

  async function status(): Promise<RulesStatus> {
    const stored = await deps.storage.get([RULES_KEYS.status]);
    return parseRulesStatus(stored[RULES_KEYS.status], deps.bundledVersion, deps.bundledIssuedAt ?? null);
  }

  async function get(url: string, init: RequestInit, feedOrigin: string): Promise<Response> {
    let response: Response;
    try {
      response = await deps.fetch(url, init);
    } catch (e) {
      if (init.signal?.aborted) throw new FeedError('timeout', `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
      throw new FeedError('network', (e as Error).message.slice(0, 200));
    }
    // Redirects are followed only within the feed's origin: a mirror elsewhere is not the feed.
    if (response.redirected && response.url && new URL(response.url).origin !== feedOrigin) {
      throw new FeedError('redirect', `redirected to ${new URL(response.url).origin}`);
    }
    return response;
  }

  async function read(response: Response, max: number, signal: AbortSignal): Promise<Uint8Array> {
    try {
      return await readCapped(response, max);
    } catch (e) {
      if (e instanceof FeedError) throw e;
      if (signal.aborted) throw new FeedError('timeout', `the body did not arrive within ${REQUEST_TIMEOUT_MS / 1000} s`);
      throw new FeedError('network', (e as Error).message.slice(0, 200));
    }
  }

  function httpError(response: Response, what: string): FeedError {
    return new FeedError('http-status', `${what}: HTTP ${response.status}`, { status: response.status, retryAfter: response.headers.get('Retry-After') });
  }

  /**
   * One attempt: resolves with what to store on success, throws a FeedError otherwise. `fresh`
   * (on install and extension update): no validators, and the feed in force is compiled again by
   * this version's engine, so rules stored by an older version are never left unreadable.
   */
  async function attempt(current: RulesStatus, signal: AbortSignal, fresh: boolean): Promise<CheckOutcome> {
    const url = await deps.feedUrl();
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new FeedError('network', `the feed address is not a URL: ${url.slice(0, 100)}`);
    }
    const headers: Record<string, string> = {};
    // Validators only for the feed version in force: a 304 then means "nothing newer".
    if (current.etag && !fresh) headers['If-None-Match'] = current.etag;
    if (current.lastModified && !fresh) headers['If-Modified-Since'] = current.lastModified;
    const init: RequestInit = { headers, signal, cache: 'no-store', credentials: 'omit', redirect: 'follow' };
    const response = await get(url, init, origin);
    const now = deps.now();
    if (response.status === 304) return { status: { ...current, lastCheck: now, lastSuccess: now, lastError: null, failures: 0 }, accepted: null };
    if (!response.ok) throw httpError(response, 'rules.json');
    const body = await read(response, MAX_FEED_BYTES, signal);

    const sigResponse = await get(`${url}.sig`, { signal, cache: 'no-store', credentials: 'omit', redirect: 'follow' }, origin);
    if (!sigResponse.ok) throw httpError(sigResponse, 'rules.json.sig');
    const signature = new TextDecoder().decode(await read(sigResponse, MAX_SIGNATURE_BYTES, signal));

    const result = await acceptFeed({
      body,
      signature,
      trustedKeys: deps.trustedKeys,
      now,
      inForceVersion: current.version,
      extensionVersion: deps.extensionVersion,
      bundledInForce: current.source === 'bundled',
      reaccept: fresh && current.source === 'feed',
      ...(deps.verify ? { verify: deps.verify } : {}),
    });
    const validators = { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') };
    if (result.kind === 'current') {
      return { status: { ...current, ...validators, lastCheck: now, lastSuccess: now, lastError: null, failures: 0 }, accepted: null };
    }
    const next: RulesStatus = {
      ...current,
      ...validators,
      version: result.feed.version,
      source: 'feed',
      issuedAt: result.feed.issuedAt,
      lastCheck: now,
      lastSuccess: now,
      lastUpdate: now,
      lastError: null,
      failures: 0,
    };
    return {
      status: next,
      accepted: { version: result.feed.version, compiled: JSON.stringify(serializeCompiled(result.compiled)), prefilter: derivePrefilter(result.compiled), domains: result.feed.domains },
    };
  }

  async function run(reason: CheckReason): Promise<RulesStatus> {
    const current = await status();
    const now = deps.now();
    // Automatic checks respect the schedule: a browser restarted ten times an hour asks once, and
    // a back-off in progress is not cut short by a restart. "Update now" and a fresh install ask.
    // The alarm fires at nextCheck (a back-off may be shorter than the start-up wait: it must run).
    const notDue = current.nextCheck !== null && now < current.nextCheck - MINUTE;
    const tooSoon = reason === 'startup' && current.lastCheck !== null && now - current.lastCheck < MIN_WAIT_MS;
    if ((reason === 'startup' || reason === 'alarm') && (notDue || tooSoon)) {
      // Re-arm the alarm (a browser restart may have dropped it): at the next check planned, or,
      // when that is past but the last check was moments ago, once the start-up wait is over.
      const due = notDue ? current.nextCheck! : current.lastCheck! + MIN_WAIT_MS;
      await deps.scheduleCheck(due);
      return current;
    }

    const controller = new AbortController();
    let timedOut: (() => void) | null = null;
    const timeout = new Promise<never>((_, reject) => {
      timedOut = () => {
        controller.abort();
        reject(new FeedError('timeout', `no complete answer within ${REQUEST_TIMEOUT_MS / 1000} s`));
      };
    });
    const timer = deps.setTimeout(() => timedOut?.(), REQUEST_TIMEOUT_MS);
    let outcome: CheckOutcome;
    try {
      // The race: a server (or a fetch) that ignores the abort still cannot hold the worker.
      outcome = await Promise.race([attempt(current, controller.signal, reason === 'install'), timeout]);
    } catch (e) {
      const error = e instanceof FeedError ? e : new FeedError('network', String(e).slice(0, 200));
      const failures = current.failures + 1;
      const at = deps.now();
      const wait = Math.max(backoffMs(failures), retryAfterMs(error.http?.retryAfter ?? null, at) ?? 0);
      const failed: RulesStatus = {
        ...current,
        lastCheck: at,
        lastError: { code: error.code, detail: error.detail.slice(0, 500), at, ...(error.http ? { httpStatus: error.http.status } : {}) },
        failures,
        nextCheck: at + jittered(Math.min(wait, MAX_BACKOFF_MS), deps.random()),
      };
      await deps.storage.set({ [RULES_KEYS.status]: failed });
      await deps.scheduleCheck(failed.nextCheck!);
      return failed;
    } finally {
      deps.clearTimeout(timer);
    }
    const nextCheck = deps.now() + jittered(CHECK_INTERVAL_MS, deps.random());
    const done: RulesStatus = { ...outcome.status, nextCheck };
    // The status and the accepted rules in one set(): the swap is atomic.
    await deps.storage.set({ ...(outcome.accepted ? acceptedRulesItems(outcome.accepted) : {}), [RULES_KEYS.status]: done });
    await deps.scheduleCheck(nextCheck);
    return done;
  }

  return {
    status,
    check(reason) {
      if (!inFlight) inFlight = run(reason).finally(() => (inFlight = null));
      return inFlight;
    },
  };
}
