// Feeds for the tests: small, valid by default, signed with a key made for this test run (no
// signing key is kept in the repository), and easy to spoil one field at a time.
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Rule } from '../../../src/engine/types';
import type { Feed } from '../../../src/rules/parse-feed';
import { keyIdOf, toBase64, type TrustedKey } from '../../../src/rules/verify-signature';

export const TEST_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey;
const rawPublic = createPublicKey(TEST_PRIVATE_KEY).export({ format: 'der', type: 'spki' }).subarray(-32);
export const TEST_KEY: TrustedKey = { id: await keyIdOf(toBase64(rawPublic)), publicKey: toBase64(rawPublic) };
export const TRUSTED: readonly TrustedKey[] = [TEST_KEY];
export const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

export function rule(id: string, phrases: string[], overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    type: 'investment',
    cue: 'returns',
    lang: 'en',
    weight: 5,
    patterns: { phrases },
    explanation: { en: 'Why.', zh_CN: '为什么。', zh_TW: '為什麼。' },
    source: 'seeds/test.txt',
    examples: { scam: [], benign: [] },
    ...overrides,
  };
}

export function feed(overrides: Partial<Feed> = {}): Feed {
  return {
    schema: 1,
    version: 2,
    issuedAt: new Date(NOW - DAY).toISOString(),
    expiresAt: new Date(NOW + 30 * DAY).toISOString(),
    minExtensionVersion: '0.1.0',
    rules: [rule('feed-guaranteed-en', ['guaranteed daily profit']), rule('feed-mentor-en', ['mentor group'], { cue: 'mentor' })],
    domains: [{ id: 'gaso', name: 'GASO', licence: 'BSD-3-Clause', url: 'https://example.org/', entries: ['scam-platform.example', 'app.example/fake'] }],
    ...overrides,
  };
}

export const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

export function signatureFor(body: Uint8Array, key: KeyObject = TEST_PRIVATE_KEY, keyId: string = TEST_KEY.id): string {
  return JSON.stringify({ alg: 'Ed25519', keyId, signature: toBase64(sign(null, body, key)) });
}

/** A key pair nobody trusts, with its id. */
export function strangerKey(): { key: KeyObject; id: string } {
  return { key: generateKeyPairSync('ed25519').privateKey, id: 'ffffffffffffffff' };
}
