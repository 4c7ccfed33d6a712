import { describe, expect, test } from 'vitest';
import { checkSafeRegex } from '../../src/engine/safe-regex';
import { compileRules, RuleCompileError } from '../../src/engine/compile-rules';
import type { Rule } from '../../src/engine/types';

describe('checkSafeRegex', () => {
  test.each([
    '日收益\\d{1,3}%',
    '(?:月薪|底薪)\\d{4,6}',
    '[0-9]{2,3}\\s?%\\s?(?:daily|per day)',
    'usdt|btc',
    '(?:abc)?x',
    'no (prior |previous )?([a-z]{2,12} )?(experience|background) (required|needed)',
    '(earn|mak|made)[a-z ]{0,16} \\$ ?\\d[\\d,.]{0,8}k?[ +]{0,2}(usd |dollars )?(per|a|/|every) ?(day|week)',
  ])('accepts %s', (source) => {
    expect(checkSafeRegex(source)).toEqual([]);
  });

  test.each([
    ['(a+)+b', /unbounded/],
    ['(a|aa)*', /unbounded/],
    ['a.*b', /unbounded/],
    ['\\d{1,}', /exceeds/],
    ['\\d{1,100}', /exceeds/],
    ['(ab){2,5}', /quantified group/],
    ['(a)\\1', /back-references/],
    ['(?=x)y', /look-around/],
    ['(?<!x)y', /look-around/],
    ['a{1,3}?', /lazy/],
    ['(', /does not compile/],
    ['x'.repeat(201), /longer than/],
    ['(?:a{0,30})?(?:a{0,30})?(?:a{0,30})?(?:a{0,30})?b', /ways to match/],
    ['[a-z]{0,32}[a-z]{0,32}[a-z]{0,32}[a-z]{0,32}[a-z]{0,32}x', /ways to match/],
  ])('rejects %s', (source, problem) => {
    expect(checkSafeRegex(source).join('; ')).toMatch(problem);
  });

  test('compileRules refuses a rule with an unsafe regex and names it', () => {
    const rule: Rule = {
      id: 'bad-regex', type: 'investment', cue: 'x', lang: 'en', weight: 1,
      patterns: { regex: ['(a+)+$'] },
      explanation: { en: 'x', zh_CN: 'x', zh_TW: 'x' }, source: 's', examples: { scam: [], benign: [] },
    };
    expect(() => compileRules([rule])).toThrow(RuleCompileError);
    try { compileRules([rule]); } catch (e) { expect((e as RuleCompileError).problems[0]).toMatch(/^bad-regex: regex/); }
  });
});
