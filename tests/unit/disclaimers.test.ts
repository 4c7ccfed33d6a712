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
    // What a bank or platform says it never does, and what its risk notice does not promise.
    ['本行不会通过短信链接要求您转账。', '转账', true],
    ['最低收益率并非保证您一定获得较高收益。', '较高收益', true],
    ['We never ask you to deposit in order to unlock a withdrawal.', 'deposit', true],
    ['Employers may not ask you to pay for a starter kit.', 'starter kit', true],
    ['本平台不会以“解冻费”“税费”等名义要求您另行付款。', '解冻费', true],
    // A promise that you cannot lose is no disclaimer.
    ['绝不会亏本，每天都有收益。', '收益', false],
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
  test('a part of a `near` rule in a disclaimer does not complete the rule', () => {
    // plat-margin-lending-zh needs 配资, a leverage word and a call to act within its window.
    expect(fired('融资融券维持担保比例低于平仓线将被强制平仓。请勿向非持牌机构“场外配资”。预约开户')).not.toContain('plat-margin-lending-zh');
    expect(fired('免息配资，平仓线低，预约开户')).toContain('plat-margin-lending-zh');
  });
  test('a context rule counts inside a disclaimer too', () => {
    expect(fired('请勿轻信，凡是要求先交保证金才能提现的都是诈骗。')).toContain('ctx-all-are-scams-zh');
  });
});
