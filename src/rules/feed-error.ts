// Why a rules feed was not accepted. Codes, not sentences: the popup and the options page show
// them through _locales (feed_error_<code>), and the unit tests assert one code per failure.

export const FEED_ERROR_CODES = [
  'network',
  'timeout',
  'http-status',
  'redirect',
  'too-large',
  'truncated',
  'invalid-signature-file',
  'unknown-key',
  'bad-signature',
  'invalid-json',
  'invalid-feed',
  'invalid-rule',
  'unsafe-regex',
  'invalid-domains',
  'rollback',
  'expired',
  'not-yet-valid',
  'extension-too-old',
] as const;
export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    readonly detail: string,
    /** For 'http-status': the status, and the server's Retry-After (the next try waits at least that). */
    readonly http: { status: number; retryAfter: string | null } | null = null,
  ) {
    super(`${code}: ${detail}`);
  }
}

export function isFeedErrorCode(value: unknown): value is FeedErrorCode {
  return typeof value === 'string' && (FEED_ERROR_CODES as readonly string[]).includes(value);
}
