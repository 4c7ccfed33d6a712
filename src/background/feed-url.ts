// Where the rules feed lives by default. A managed policy or an imported settings file may set
// another (settings.ts checkFeedUrl: https only, except on this computer for development). The
// feed is signed, so its address is not a matter of trust, only of availability.

/** The project's feed (docs/feed-hosting.md). Any static host works; see that page to move it. */
export const DEFAULT_FEED_URL = 'https://scam-sentinel.github.io/feed/rules.json';
