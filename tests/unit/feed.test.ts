import { describe, expect, test } from 'vitest';
import { acceptFeed } from '../../src/rules/accept-feed';
import { createDomainMatcher, isDomainEntry } from '../../src/rules/domain-list';
import { FeedError } from '../../src/rules/feed-error';
import { compareVersions, parseFeed } from '../../src/rules/parse-feed';
import { keyIdOf, parseSignatureFile, verifySignature } from '../../src/rules/verify-signature';
import { RELEASE_KEYS } from '../../src/rules/trusted-keys';
import { readAllowedHosts, readDenyLists } from '../../scripts/lib/domain-list-files';
import { importDomainLists, toEntry } from '../../scripts/lib/import-domain-lists';
import { bytesOf, feed, NOW, rule, signatureFor, strangerKey, TEST_KEY, TRUSTED } from './helpers/feed-fixtures';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof FeedError ? e.code : `not a FeedError: ${String(e)}`;
  }
};

describe('parseFeed', () => {
  test('a good feed parses', () => {
    expect(parseFeed(feed()).version).toBe(2);
  });

  test.each([
    ['not an object', 'invalid-feed', []],
    ['another schema', 'invalid-feed', { ...feed(), schema: 9 }],
    ['a fractional version', 'invalid-feed', { ...feed(), version: 2.5 }],
    ['a version of 0', 'invalid-feed', { ...feed(), version: 0 }],
    ['a bad time', 'invalid-feed', { ...feed(), issuedAt: 'yesterday' }],
    ['expiry before issue', 'invalid-feed', { ...feed(), expiresAt: '2020-01-01T00:00:00Z' }],
    ['a bad minimum version', 'invalid-feed', { ...feed(), minExtensionVersion: 'latest' }],
    ['no rules', 'invalid-feed', { ...feed(), rules: [] }],
    ['too many rules', 'invalid-feed', { ...feed(), rules: Array.from({ length: 2001 }, (_, i) => rule(`r-${i}`, ['x y'])) }],
    ['a rule with a bad field', 'invalid-rule', { ...feed(), rules: [{ ...rule('ok-id', ['a b']), type: 'lottery' }] }],
    ['a rule that is a string', 'invalid-rule', { ...feed(), rules: ['rm -rf'] }],
    ['lists that are not a list', 'invalid-domains', { ...feed(), domains: {} }],
    ['two lists with one id', 'invalid-domains', { ...feed(), domains: [feed().domains[0], feed().domains[0]] }],
    ['an entry with upper case', 'invalid-domains', { ...feed(), domains: [{ ...feed().domains[0], entries: ['Scam.example'] }] }],
    ['an entry with a scheme', 'invalid-domains', { ...feed(), domains: [{ ...feed().domains[0], entries: ['https://scam.example'] }] }],
    ['a single-label entry', 'invalid-domains', { ...feed(), domains: [{ ...feed().domains[0], entries: ['com'] }] }],
  ])('%s → %s', (_, code, value) => {
    expect(codeOf(() => parseFeed(value))).toBe(code);
  });

  test('compareVersions is numeric', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.1.0', '0.2')).toBe(-1);
  });
});

describe('signatures', () => {
  const body = bytesOf(feed());

  test('the trusted key ids are derived from the keys', async () => {
    for (const k of [...RELEASE_KEYS, TEST_KEY]) expect(await keyIdOf(k.publicKey)).toBe(k.id);
  });

  test.each([true, false])('verifies with WebCrypto=%s', async (webCrypto) => {
    await expect(verifySignature(body, signatureFor(body), TRUSTED, { webCrypto })).resolves.toBe(TEST_KEY.id);
    const other = bytesOf(feed({ version: 3 }));
    await expect(verifySignature(other, signatureFor(body), TRUSTED, { webCrypto })).rejects.toMatchObject({ code: 'bad-signature' });
  });

  test('only release keys are trusted outside the test build', async () => {
    const { trustedKeys } = await import('../../src/rules/trusted-keys');
    expect(trustedKeys()).toEqual(RELEASE_KEYS);
  });

  test('the release key does not verify a test-key signature', async () => {
    await expect(verifySignature(body, signatureFor(body), RELEASE_KEYS)).rejects.toMatchObject({ code: 'unknown-key' });
  });

  test.each([
    ['not JSON', 'abc'],
    ['another algorithm', JSON.stringify({ alg: 'RS256', keyId: 'x', signature: 'AA==' })],
    ['a short signature', JSON.stringify({ alg: 'Ed25519', keyId: 'x', signature: 'AAAA' })],
    ['not base64', JSON.stringify({ alg: 'Ed25519', keyId: 'x', signature: '!!!' })],
    ['too long', ' '.repeat(2000)],
  ])('a signature file that is %s is refused', (_, text) => {
    expect(codeOf(() => parseSignatureFile(text))).toBe('invalid-signature-file');
  });
});

describe('acceptFeed', () => {
  const input = (value: unknown, over: Partial<Parameters<typeof acceptFeed>[0]> = {}) => {
    const b = bytesOf(value);
    return { body: b, signature: signatureFor(b), trustedKeys: TRUSTED, now: NOW, inForceVersion: 1, extensionVersion: '0.1.0', ...over };
  };

  test('a newer feed comes back compiled', async () => {
    const result = await acceptFeed(input(feed()));
    expect(result.kind).toBe('newer');
    if (result.kind === 'newer') expect(result.compiled.rules.map((r) => r.id)).toEqual(['feed-guaranteed-en', 'feed-mentor-en']);
  });

  test('a feed issued far in the future is refused; a little clock skew is not', async () => {
    await expect(acceptFeed(input(feed({ issuedAt: new Date(NOW + 3 * 86400000).toISOString(), expiresAt: new Date(NOW + 40 * 86400000).toISOString() })))).rejects.toMatchObject({ code: 'not-yet-valid' });
    await expect(acceptFeed(input(feed({ issuedAt: new Date(NOW + 3600000).toISOString() })))).resolves.toMatchObject({ kind: 'newer' });
  });

  test('nothing is parsed before the signature verifies', async () => {
    const stranger = strangerKey();
    const b = bytesOf('not json at all');
    await expect(acceptFeed({ ...input(feed()), body: b, signature: signatureFor(b, stranger.key, stranger.id) })).rejects.toMatchObject({ code: 'unknown-key' });
  });
});

describe('known scam sites', () => {
  const matcher = createDomainMatcher([
    { id: 'gaso', name: 'g', licence: 'l', url: 'u', entries: ['scam-platform.example', 'apps.example/app123', '203.0.113.7'] },
    { id: 'polkadot', name: 'p', licence: 'l', url: 'u', entries: ['phish.pages.dev', 'scam-platform.example'] },
  ]);

  test.each([
    ['scam-platform.example', '/', 'gaso'],
    ['WWW.Scam-Platform.Example.', '/', 'gaso'],
    ['a.b.scam-platform.example', '/x', 'gaso'],
    ['apps.example', '/app123/details', 'gaso'],
    ['apps.example', '/app999', null],
    ['www.apps.example', '/app123', null],
    ['phish.pages.dev', '/', 'polkadot'],
    ['other.pages.dev', '/', null],
    ['pages.dev', '/', null],
    ['example', '/', null],
    ['not-scam-platform.example', '/', null],
    ['203.0.113.7', '/', 'gaso'],
    ['1.203.0.113.7', '/', null],
  ])('%s%s → %s', (host, path, list) => {
    expect(matcher.lookup(host, path)?.listId ?? null).toBe(list);
  });

  test.each([
    ['scam.example', true],
    ['xn--fiqs8s.top', true],
    ['a.example/path?x=1', true],
    ['Scam.example', false],
    ['scam .example', false],
    ['example', false],
    ['-bad.example', false],
    ['a.example/has space', false],
  ])('isDomainEntry(%s) = %s', (entry, ok) => {
    expect(isDomainEntry(entry)).toBe(ok);
  });

  test('the import normalises entries and drops what would flag a bank, a platform or a public suffix', () => {
    expect(toEntry('新竹物流2.top')).toMatch(/^xn--[a-z0-9-]+\.top$/);
    expect(toEntry('https://Scam.Example./')).toBe('scam.example');
    expect(toEntry('*.fleek.co')).toBe('fleek.co');
    const lists = importDomainLists([
      { source: 'gaso', label: 'scam', url: 'good-scam.example' },
      { source: 'gaso', label: 'scam', url: 'pages.dev' },
      { source: 'polkadot', label: 'scam', url: 'hosting-platform.example' },
      { source: 'polkadot', label: 'scam', url: 'phish.hosting-platform.example' },
      { source: 'polkadot', label: 'scam', url: 'login.addisonbank.com' },
      { source: 'polkadot', label: 'scam', url: 'good-scam.example' },
      { source: 'polkadot', label: 'benign', url: '*.hosting-platform.example' },
      { source: 'fdic', label: 'benign', url: 'addisonbank.com' },
    ]);
    expect(lists.deny).toEqual({ gaso: ['good-scam.example'], polkadot: ['phish.hosting-platform.example'] });
    expect(lists.dropped.map((d) => d.reason).sort(), JSON.stringify(lists.dropped)).toEqual(['a public suffix', 'an allowed host or a parent of one', 'inside an FDIC-insured bank domain']);
  });

  test('the shipped lists never flag an FDIC-insured bank or an allowed host (with or without www.)', () => {
    const shipped = createDomainMatcher(readDenyLists());
    const allowed = readAllowedHosts();
    expect(allowed.length).toBeGreaterThan(1000);
    expect(shipped.size).toBeGreaterThan(60000);
    const flagged = allowed.flatMap((h) => [h, `www.${h}`, `online.${h}`]).filter((h) => shipped.lookup(h) !== null);
    expect(flagged).toEqual([]);
  });

  test('every shipped entry is valid and the lists stay within the feed size limit', () => {
    for (const list of readDenyLists()) for (const e of list.entries) expect(isDomainEntry(e), e).toBe(true);
  });
});
