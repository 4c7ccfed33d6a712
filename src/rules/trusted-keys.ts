// The only keys whose signature makes a rules feed acceptable (issue 4). A list, so that a key
// can be rotated: ship a release that trusts the old and the new key, sign with the new one, then
// drop the old one in a later release (docs/feed-hosting.md). The private keys never enter the
// repository (`npm run rules -- keygen` writes them under keys/, which .gitignore keeps out).
import type { TrustedKey } from './verify-signature';

/** Keys trusted by every build. */
export const RELEASE_KEYS: readonly TrustedKey[] = [
  // Generated 2026-11-23 with `npm run rules -- keygen`; the private key is held by the maintainers.
  { id: '403c1854b6edebe7', publicKey: 'ijE0Sv5eqgcB6CIc29HWI4as72CAIFdpC3JEKFZDxRQ=' },
];

/**
 * The key of tests/fixtures/feed-test-key.pem, whose private half is in the repository: trusted
 * ONLY by the test build (dist/chrome-test), so the e2e tests can publish feeds. scripts/build.ts
 * fails a release build whose code contains this key.
 */
export const TEST_KEY: TrustedKey = { id: '443a9d3b39f4b5bf', publicKey: 'BBfEM+A2Fvl5LF7gEazv4NAIbmDN+pAVlnBOQHW85Ts=' };

declare const __SCAM_SENTINEL_TEST_HOOKS__: boolean | undefined;

export function trustedKeys(): readonly TrustedKey[] {
  return typeof __SCAM_SENTINEL_TEST_HOOKS__ !== 'undefined' && __SCAM_SENTINEL_TEST_HOOKS__ ? [...RELEASE_KEYS, TEST_KEY] : RELEASE_KEYS;
}
