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

// Set by the build (vite.config.ts): in the test build only, the key of this machine's
// .build/test-feed-key.private.pem (scripts/lib/test-feed-key.ts), so the e2e tests can publish
// feeds; null in release builds.
declare const __SCAM_SENTINEL_TEST_KEY__: TrustedKey | null | undefined;

export function trustedKeys(): readonly TrustedKey[] {
  const testKey = typeof __SCAM_SENTINEL_TEST_KEY__ !== 'undefined' ? __SCAM_SENTINEL_TEST_KEY__ : null;
  return testKey ? [...RELEASE_KEYS, testKey] : RELEASE_KEYS;
}
