import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine/index';
import { loadRuleSourcesWithFiles } from '../../scripts/lib/load-rule-sources';

// Scams described in our own words from the seed articles and public descriptions of each
// mechanism, and ordinary text that shares their vocabulary (tests/fixtures/own-words/README.md).
interface OwnWords { expect: 'warn' | 'quiet'; type: string; lang: string; text: string }
const items = readFileSync(new URL('../fixtures/own-words/texts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as OwnWords);
const compiled = compileRules(loadRuleSourcesWithFiles().map((s) => s.rule));

describe('texts in our own words', () => {
  test('the set covers each scam type in both languages and has hard negatives', () => {
    const kinds = new Set(items.map((i) => `${i.expect}/${i.type}/${i.lang}`));
    for (const k of ['warn/investment/zh', 'warn/investment/en', 'warn/recruitment/zh', 'warn/recruitment/en', 'warn/romance/zh', 'warn/romance/en', 'quiet/benign/zh', 'quiet/benign/en', 'quiet/notice/zh', 'quiet/notice/en']) {
      expect(kinds, k).toContain(k);
    }
  });

  test.each(items.filter((i) => i.expect === 'warn').map((i) => [i.type, i.text] as const))('%s scam warns: %s', (type, text) => {
    const result = analyze({ text }, compiled);
    expect(result.level, JSON.stringify(result.findings.map((f) => f.ruleId))).not.toBe('none');
    expect(result.topType).toBe(type);
  });

  test.each(items.filter((i) => i.expect === 'quiet').map((i) => [i.text] as const))('ordinary text or a notice stays quiet: %s', (text) => {
    const result = analyze({ text }, compiled);
    expect(result.level, JSON.stringify(result.findings.map((f) => f.ruleId))).toBe('none');
  });
});
