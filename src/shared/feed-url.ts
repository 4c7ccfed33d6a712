// Where the rules feed lives. The project's default, or one set by a managed policy (a family or
// an administrator mirroring the feed). The feed is signed, so its address is not a matter of
// trust, only of privacy: https only, except on this machine for development and tests.

/** The project's feed (docs/feed-hosting.md). Any static host works; see that page to move it. */
export const DEFAULT_FEED_URL = 'https://scam-sentinel.github.io/feed/rules.json';

export function isAllowedFeedUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 500) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]');
}
