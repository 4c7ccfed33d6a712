// What the extension keeps about the rules in force and the feed (storage.local, under
// RULES_KEYS.status), shared by the updater (background) and the extension pages (the status they
// show). Which rules are in force is decided by src/rules/rules-in-force.ts. Pure: types, and the
// validation of what comes back from storage.
import { isFeedErrorCode, type FeedErrorCode } from '../rules/feed-error';
import { feedVersionInForce } from '../rules/rules-in-force';

export interface FeedFailure {
  code: FeedErrorCode;
  /** For the person who debugs: English, not shown as the main message (that is localised). */
  detail: string;
  at: number;
  /** The HTTP status, for 'http-status'. */
  httpStatus?: number;
}

export interface RulesStatus {
  /** Version of the rules in force (the bundled default's or the last accepted feed's). */
  version: number;
  source: 'bundled' | 'feed';
  /**
   * When the rules in force were issued (ISO): the feed's issuedAt, or for the bundled rules the
   * date their build stamped on them (scripts/lib/build-date.ts); null when unknown.
   */
  issuedAt: string | null;
  /** ms since the epoch, or null: never. */
  lastCheck: number | null;
  /** The last check that ended well (new rules, or the feed had nothing newer). */
  lastSuccess: number | null;
  /** When the rules in force were installed from the feed. */
  lastUpdate: number | null;
  lastError: FeedFailure | null;
  /** Consecutive failed checks: the back-off grows with them. */
  failures: number;
  nextCheck: number | null;
  /** The validators of the last feed body seen, for conditional requests. */
  etag: string | null;
  lastModified: string | null;
}

export function initialStatus(bundledVersion: number, bundledIssuedAt: string | null = null): RulesStatus {
  return {
    version: bundledVersion,
    source: 'bundled',
    issuedAt: bundledIssuedAt,
    lastCheck: null,
    lastSuccess: null,
    lastUpdate: null,
    lastError: null,
    failures: 0,
    nextCheck: null,
    etag: null,
    lastModified: null,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const time = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

function failure(v: unknown): FeedFailure | null {
  if (!isRecord(v) || !isFeedErrorCode(v.code)) return null;
  const out: FeedFailure = { code: v.code, detail: text(v.detail, 500) ?? '', at: time(v.at) ?? 0 };
  if (typeof v.httpStatus === 'number' && Number.isInteger(v.httpStatus)) out.httpStatus = v.httpStatus;
  return out;
}

/**
 * The stored status, field by field; anything missing or malformed falls back to the initial
 * value. The bundled rules count when they are newer than the feed's (an extension update).
 */
export function parseRulesStatus(raw: unknown, bundledVersion: number, bundledIssuedAt: string | null = null): RulesStatus {
  const s = initialStatus(bundledVersion, bundledIssuedAt);
  if (!isRecord(raw)) return s;
  const version = feedVersionInForce(raw.version, bundledVersion);
  if (raw.source === 'feed' && version !== null) {
    s.version = version;
    s.source = 'feed';
    s.issuedAt = text(raw.issuedAt, 40);
  }
  s.lastCheck = time(raw.lastCheck);
  s.lastSuccess = time(raw.lastSuccess);
  s.lastUpdate = time(raw.lastUpdate);
  s.lastError = failure(raw.lastError);
  s.failures = typeof raw.failures === 'number' && Number.isInteger(raw.failures) && raw.failures >= 0 ? Math.min(raw.failures, 64) : 0;
  s.nextCheck = time(raw.nextCheck);
  s.etag = text(raw.etag, 200);
  s.lastModified = text(raw.lastModified, 100);
  return s;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rules older than this are called old, plainly, in the popup and the options page. */
export const STALE_AFTER_DAYS = 30;

export interface RulesFreshness {
  /**
   * 'bundled': no feed has ever been reached, so the built-in rules protect; that is how every
   * install starts, not a failure, whatever the checks so far said. 'current': the last check
   * ended well. 'failing': a check failed after one had worked: reported.
   */
  state: 'bundled' | 'current' | 'failing';
  /** Whole days since the rules in force were issued, or null when their date is unknown. */
  ageDays: number | null;
  /** Issued more than STALE_AFTER_DAYS days ago. */
  stale: boolean;
}

/** What the extension pages say about the rules: decided once, here, from the status and the clock. */
export function rulesFreshness(status: RulesStatus, now: number): RulesFreshness {
  const issued = status.issuedAt === null ? Number.NaN : Date.parse(status.issuedAt);
  const ageDays = Number.isFinite(issued) ? Math.max(0, Math.floor((now - issued) / DAY_MS)) : null;
  const stale = ageDays !== null && ageDays > STALE_AFTER_DAYS;
  let state: RulesFreshness['state'];
  if (status.lastSuccess === null && status.source === 'bundled') state = 'bundled';
  else if (status.lastError !== null && (status.lastSuccess === null || status.lastError.at >= status.lastSuccess)) state = 'failing';
  else state = 'current';
  return { state, ageDays, stale };
}
