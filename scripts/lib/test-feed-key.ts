// The signing key of the TEST build only (dist/chrome-test): made on this machine the first time
// the test build is built, kept in .build/ (never committed: signing keys never enter the
// repository), and built into that build alone, so the e2e tests and `npm run bench:feed` can
// publish feeds it accepts. Release builds trust RELEASE_KEYS and nothing else.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrustedKey } from '../../src/rules/verify-signature';

export const TEST_FEED_KEY_FILE = fileURLToPath(new URL('../../.build/test-feed-key.private.pem', import.meta.url));

export interface TestFeedKey {
  privateKey: KeyObject;
  trusted: TrustedKey;
}

function load(): TestFeedKey {
  const privateKey = createPrivateKey(readFileSync(TEST_FEED_KEY_FILE));
  const raw = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = createHash('sha256').update(raw).digest().subarray(0, 8).toString('hex');
  return { privateKey, trusted: { id, publicKey: raw.toString('base64') } };
}

/** The test key, made if this machine has none yet (the test build calls this). */
export function ensureTestFeedKey(): TestFeedKey {
  if (!existsSync(TEST_FEED_KEY_FILE)) {
    mkdirSync(dirname(TEST_FEED_KEY_FILE), { recursive: true });
    writeFileSync(TEST_FEED_KEY_FILE, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  return load();
}

/** The key the test build was made with; throws if there is none (build it first). */
export function readTestFeedKey(): TestFeedKey {
  if (!existsSync(TEST_FEED_KEY_FILE)) throw new Error(`${TEST_FEED_KEY_FILE} is missing: build the test build first (npx tsx scripts/build.ts chrome --test-hooks)`);
  return load();
}
