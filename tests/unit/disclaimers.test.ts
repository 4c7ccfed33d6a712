// A cue in a clause that forbids or disclaims it is not counted (src/engine/disclaimers.ts):
// the clause finder on normalised text, and analyze() with the bundled rules on disclaimers that
// name a pitch's words against the same words said in the affirmative.
import { describe, expect, test } from 'vitest';
import { analyze, compileRules, normalizeText } from '../../src/engine/index';
import { inDisclaimer } from '../../src/engine/disclaimers';
import { bundledRules } from '../../scripts/lib/bundled-rules';

const compiled = compileRules(bundledRules());
const fired = (text: string): string[] => analyze({ text }, compiled).findings.map((f) => f.ruleId);
/** inDisclaimer at the first occurrence of `word` in the normalised text. */
const at = (text: string, word: string): boolean => {
  const norm = normalizeText(text);
  const i = norm.text.indexOf(word);
  expect(i, word).toBeGreaterThanOrEqual(0);
  return inDisclaimer(norm.codes, i);
};

describe('inDisclaimer', () => {
  test.each([
    ['本公司从未授权任何个人以本公司名义开展“内部渠道”业务。', '内部渠道', true],
    ['請勿向陌生帳戶轉帳。', '转账', true],
    ['Beware of anyone who promises daily returns.', 'daily', true],
    ['Never send a release fee to withdraw.', 'release fee', true],
    // The clause ends at a full stop, a Chinese full stop, "!" or ";": the disclaimer does not reach past it.
    ['请勿轻信陌生人。内部渠道，稳赚不赔。', '内部渠道', false],
    ['Beware of imitations! Guaranteed daily returns.', 'guaranteed', false],
    // A decimal point ends no clause.
    ['Beware of offers of 2.5 daily returns.', 'daily', true],
    // Words a pitch says are no disclaimer.
    ['千万不要告诉家人，这是内部渠道。', '内部渠道', false],
    ['You will never lose with our daily returns.', 'daily', false],
    ['At the very start of the text.', 'at', false],
  ])('%s → at "%s": %s', (text, word, expected) => {
    expect(at(text, word)).toBe(expected);
  });
});

describe('analyze() does not count a disclaimed cue', () => {
  test("a broker's disclaimer of insider channels, and a police notice's of a promised daily return, make no cue", () => {
    expect(fired('提醒：本公司从未授权任何个人或机构以本公司名义开展场外配资、荐股收费或“内部渠道”业务。')).not.toContain('inv-insider-zh');
    expect(fired('请勿相信日收益5%的承诺。')).not.toContain('claim-return-extreme');
    expect(fired('Beware of anyone who promises 3% daily returns.')).not.toContain('claim-return-extreme');
  });
  test('the same words in the affirmative still do, and so does a pitch that tells you to keep it secret', () => {
    expect(fired('内部渠道，老师带单，日收益5%。')).toEqual(expect.arrayContaining(['inv-insider-zh', 'claim-return-extreme']));
    expect(fired('Guaranteed 3% daily returns! Withdraw any time.')).toContain('claim-return-extreme');
    expect(fired('千万不要告诉家人，这个内部渠道只给你一个人。')).toEqual(expect.arrayContaining(['inv-secret-zh', 'inv-insider-zh']));
  });
  test('a context rule counts inside a disclaimer too', () => {
    expect(fired('请勿轻信，凡是要求先交保证金才能提现的都是诈骗。')).toContain('ctx-all-are-scams-zh');
  });
});
