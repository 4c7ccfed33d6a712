import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine';
import { regionalVariants } from '../../src/engine/regional-variants';
import type { Rule } from '../../src/engine/types';

describe("Taiwan's words", () => {
  test('each variant is applied alone, and most phrases have none', () => {
    expect(regionalVariants('再充值')).toEqual(['再储值']);
    expect(regionalVariants('出租电话卡')).toEqual(['出租门号']);
    expect(regionalVariants('充值后盈利')).toEqual(['储值后盈利', '充值后获利']);
    expect(regionalVariants('老师带单')).toEqual([]);
  });

  test('a Chinese rule written with the mainland word matches the Taiwan word in Traditional text; an English rule gets no variants', () => {
    const rule = (id: string, lang: 'zh' | 'en', phrase: string): Rule => ({
      id, type: 'investment', cue: id, lang, weight: 5, source: 'test',
      patterns: { phrases: [phrase] },
      explanation: { en: 'x', zh_CN: 'x' },
      examples: { scam: [], benign: [] },
    } as unknown as Rule);
    const compiled = compileRules([rule('top-up', 'zh', '先充值才能提现')]);
    expect(analyze({ text: '您必須先儲值才能提現' }, compiled).findings.map((f) => f.ruleId)).toEqual(['top-up']);
    expect(analyze({ text: '您必須先充值才能提現' }, compiled).findings.map((f) => f.ruleId)).toEqual(['top-up']);
    expect(compileRules([rule('en', 'en', 'top up 充值')]).phrases).toHaveLength(1);
  });
});
