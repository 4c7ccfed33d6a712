// zh_TW explanations generated from zh_CN with OpenCC at build time, unless the author wrote one
// (scripts/lib/traditional-explanation.ts, applied by the rule loader).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRuleSources } from '../../scripts/lib/load-rule-sources';
import { traditionalOf, withTraditionalExplanation } from '../../scripts/lib/traditional-explanation';

describe('traditionalOf', () => {
  test.each([
    ['保证收益，稳赚不赔。', '保證收益，穩賺不賠。'],
    ['下载这个软件，先交解冻费。', '下載這個軟體，先交解凍費。'],
    ['Plain English stays.', 'Plain English stays.'],
  ])('%s → %s', (zhCN, zhTW) => {
    expect(traditionalOf(zhCN)).toBe(zhTW);
  });
});

describe('withTraditionalExplanation', () => {
  test('fills zh_TW from zh_CN when the source has none', () => {
    expect(withTraditionalExplanation({ id: 'x', explanation: { en: 'e', zh_CN: '稳赚不赔' } })).toEqual({ id: 'x', explanation: { en: 'e', zh_CN: '稳赚不赔', zh_TW: '穩賺不賠' } });
  });

  test('an author\'s zh_TW is kept: it is the override', () => {
    const raw = { id: 'x', explanation: { en: 'e', zh_CN: '新闻报道', zh_TW: '新聞報導' } };
    expect(withTraditionalExplanation(raw)).toBe(raw);
  });

  test.each([null, 'text', [], { id: 'x' }, { explanation: 'e' }, { explanation: { en: 'e' } }])('leaves %j for the validator to judge', (raw) => {
    expect(withTraditionalExplanation(raw)).toBe(raw);
  });

  test('the loader gives a rule without zh_TW one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    try {
      writeFileSync(join(dir, 'x.yaml'), [
        '- id: inv-test-zh',
        '  type: investment',
        '  cue: returns',
        '  lang: zh',
        '  weight: 3',
        '  patterns: { phrases: [稳赚不赔] }',
        '  explanation: { en: A promise no real investment makes., zh_CN: 真正的投资不会保证稳赚不赔。 }',
        '  source: test',
        '  examples: { scam: [稳赚不赔, 保证稳赚不赔], benign: [天气很好, 今天开会] }',
      ].join('\n'));
      expect(loadRuleSources(dir)[0]?.explanation.zh_TW).toBe('真正的投資不會保證穩賺不賠。');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
