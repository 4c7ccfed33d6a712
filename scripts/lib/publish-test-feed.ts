// Publishes a feed signed with the TEST key (scripts/lib/test-feed-key.ts) into a directory that
// `startFeedServer` serves: the bundled rules plus one new rule and one listed page, the way a
// real update adds a cue and a scam site. Used by the feed end-to-end tests in Chromium
// (tests/e2e/feed.spec.ts) and Firefox (tests/firefox/feed.test.ts).
import { sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../../src/engine/types';
import { readTestFeedKey } from './test-feed-key';

const bundled = JSON.parse(readFileSync(new URL('../../src/rules/generated/bundled-rules.json', import.meta.url), 'utf8')) as { version: number; rules: Rule[] };

/** The rules version the builds ship with; a published feed must be newer. */
export const BUNDLED_VERSION = bundled.version;
/** What the new rule says on a page it flags (feed-update-en.html names its scheme). */
export const FEED_RULE_EXPLANATION = 'A scheme named in a new scam wave.';
/** The page the published feed lists as a known scam site. */
export const LISTED_PAGE = 'benign-zh-en.html';

const newRule: Rule = {
  id: 'inv-moonlit-orchard-en',
  type: 'investment',
  cue: 'returns',
  lang: 'en',
  weight: 5,
  patterns: { phrases: ['moonlit orchard bonus scheme'] },
  explanation: { en: FEED_RULE_EXPLANATION, zh_CN: '新一波骗局中出现的项目名称。', zh_TW: '新一波騙局中出現的項目名稱。' },
  source: 'seeds/test-feed.txt',
  examples: { scam: [], benign: [] },
};

/** Writes rules.json and rules.json.sig; `tamper` changes a weight after signing, as a hostile mirror would. */
export function publishTestFeed(dir: string, version: number, options: { tamper?: boolean } = {}): void {
  const feed = {
    schema: 1,
    version,
    issuedAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    minExtensionVersion: '0.1.0',
    rules: [...bundled.rules, newRule],
    domains: [{ id: 'gaso', name: 'GASO (test)', licence: 'BSD-3-Clause', url: 'https://example.org/', entries: [`127.0.0.1/${LISTED_PAGE}`] }],
  };
  const body = Buffer.from(JSON.stringify(feed));
  // The key the test build was made with (.build/, never committed).
  const key = readTestFeedKey();
  const signature = { alg: 'Ed25519', keyId: key.trusted.id, signature: sign(null, body, key.privateKey).toString('base64') };
  const served = options.tamper ? Buffer.from(body.toString().replace('"weight":5', '"weight":1')) : body;
  writeFileSync(join(dir, 'rules.json'), served);
  writeFileSync(join(dir, 'rules.json.sig'), JSON.stringify(signature));
}
