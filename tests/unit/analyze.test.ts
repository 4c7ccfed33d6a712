import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { analyze, compileRules, normalizeText, type Rule, type RuleType } from '../../src/engine/index';
import { WORD_START_LOOKBEHIND } from '../../src/engine/plan-regex';
import { hasWalletAddress } from '../../src/engine/analyze';

const explanation = { en: 'e', zh_CN: 'e', zh_TW: 'e' };
function rule(id: string, type: RuleType, cue: string, weight: number, patterns: Rule['patterns']): Rule {
  return { id, type, cue, lang: 'any', weight, patterns, explanation, source: 'test', examples: { scam: [], benign: [] } };
}

// A small rule set written for these tests: it exercises each kind of pattern and the scoring.
const RULES: Rule[] = [
  rule('returns', 'investment', 'returns', 3, { phrases: ['稳赚不赔', 'guaranteed return*'] }),
  rule('mentor', 'investment', 'mentor', 3, { phrases: ['带单老师', 'trading mentor'] }),
  rule('fee', 'investment', 'fee', 4, { near: { groups: [['提现', 'withdraw*'], ['手续费', '解冻费', 'fee']], window: 30 } }),
  rule('rate', 'investment', 'rate', 2, { regex: ['日收益\\d{1,3}%'] }),
  rule('apk', 'investment', 'app', 1, { phrases: ['apk'] }),
  rule('sweet', 'romance', 'partner', 2, { phrases: ['亲爱的', 'my love'] }),
  rule('salary', 'recruitment', 'salary', 2, { phrases: ['高薪'] }),
  rule('overseas', 'recruitment', 'overseas', 2, { phrases: ['缅甸', '柬埔寨'] }),
  rule('perks', 'recruitment', 'perks', 3, { phrases: ['包机票'] }),
  rule('passport', 'recruitment', 'passport', 3, { phrases: ['护照交由公司保管'] }),
  rule('police', 'context', 'reporting', 2, { phrases: ['警方提醒', 'police said'] }),
  rule('victim', 'context', 'reporting', 2, { phrases: ['受害人', 'victims'] }),
];
const compiled = compileRules(RULES);
const run = (text: string, title?: string) => analyze(title === undefined ? { text } : { text, title }, compiled);
// The rules' own findings (the claims reader's cues are tested in read-claims.test.ts).
const ids = (text: string) => run(text).findings.filter((f) => !f.ruleId.startsWith('claim-')).map((f) => f.ruleId).sort();

describe('matching', () => {
  test.each([
    ['a plain Chinese phrase', '这个项目稳赚不赔', ['returns']],
    ['the same phrase in Traditional Chinese with spacers', '穩 賺 不 賠', ['returns']],
    ['an open-ended English phrase', 'Guaranteed Returns every week', ['returns']],
    ['Latin phrases need word boundaries', 'download the apkmirror tool', []],
    ['Latin phrase on its boundaries', 'download the APK now', ['apk']],
    ['a word starts after digits', 'get the 2apk file', ['apk']],
    ['a near cue within its window', '提现需先缴纳手续费', ['fee']],
    ['a near cue outside its window', '提现。这是一段很长很长很长很长很长的无关文字，它讲的是别的事情，和前面后面都没有关系。手续费', []],
    ['a near cue in English', 'to withdraw you must pay a fee', ['fee']],
    ['a regular expression', '平台日收益15%', ['rate']],
    ['nothing', 'The weather is nice today.', []],
  ])('%s', (_name, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  test('quotes the original text at the original offsets', () => {
    const text = '你好！穩\u200b賺\u200b不\u200b賠，請聯繫帶單老師。';
    const f = run(text).findings;
    const quotes = f.flatMap((x) => x.matches.map((m) => m.quote)).sort();
    expect(quotes).toEqual(['帶單老師', '穩\u200b賺\u200b不\u200b賠'].sort());
    for (const m of f.flatMap((x) => x.matches)) expect(text.slice(m.start, m.end)).toBe(m.quote);
  });

  test('quotes the whole word of an open-ended phrase', () => {
    const m = run('guaranteed returns').findings[0]!.matches[0]!;
    expect(m.quote).toBe('guaranteed returns');
  });

  test('matches in the title are reported as such', () => {
    const r = run('nothing here', '稳赚不赔的机会');
    expect(r.findings[0]!.matches[0]).toMatchObject({ field: 'title', start: 0, end: 4, quote: '稳赚不赔' });
  });

  test('findings carry the explanation key and the source', () => {
    const f = run('稳赚不赔').findings[0]!;
    expect(f).toMatchObject({ ruleId: 'returns', type: 'investment', cue: 'returns', explanationKey: 'rule_returns', source: 'test' });
  });
});

describe('scoring', () => {
  test.each([
    ['one cue alone is not enough', '稳赚不赔', 'none'],
    ['two different cues make caution', '稳赚不赔，带单老师带你赚钱', 'caution'],
    ['three cues with enough weight make danger', '稳赚不赔，带单老师带你赚钱，提现需交手续费', 'danger'],
    ['repeating one cue does not add up', '稳赚不赔 稳赚不赔 稳赚不赔 稳赚不赔', 'none'],
    ['a recruitment combination', '缅甸高薪招聘，包机票，护照交由公司保管', 'danger'],
    ['salary plus overseas is a caution', '柬埔寨高薪', 'caution'],
  ])('%s', (_name, text, level) => {
    expect(run(text).level).toBe(level);
  });

  test('romance adds the investment cues it leads to (pig butchering)', () => {
    // 'sweet' (2) and 'my love' are one cue: romance needs 3 of its own, so a partner cue is added.
    const r = analyze({ text: '亲爱的，我们一起去缅甸吧，这个平台稳赚不赔' }, compileRules([...RULES, rule('together', 'romance', 'future', 2, { phrases: ['我们一起'] })]));
    expect(r.scores.romance).toBe(7);
    expect(r.topType).toBe('romance');
    expect(r.level).toBe('caution');
  });

  test('a pet name beside an investment pitch does not make it a romance scam', () => {
    const r = run('亲爱的，这个平台稳赚不赔');
    expect(r.scores.romance).toBe(2);
    expect(r.topType).toBe('investment');
  });

  test('a page about fraud does not warn, even naming every trick', () => {
    const text = '警方提醒：受害人被所谓带单老师诱导，对方承诺稳赚不赔，提现时又要求交手续费。';
    const r = run(text);
    expect(r.aboutFraud).toBe(true);
    expect(r.level).toBe('none');
    expect(r.scores.investment).toBeGreaterThanOrEqual(9);
  });

  test('page signals add to a type the text already points at, never alone', () => {
    const signals = { apkDownload: true, messengerLinks: ['telegram'] };
    expect(analyze({ text: 'hello', signals }, compiled).level).toBe('none');
    const r = analyze({ text: '稳赚不赔', signals }, compiled);
    expect(r.signals.map((s) => s.signal).sort()).toEqual(['apkDownload', 'messengerLinks']);
    expect(r.level).toBe('caution');
  });

  test('a crypto address in the text is a signal the engine finds itself: it adds to a scam the text points at, never alone', () => {
    const address = 'Send BTC to bc1q8m4k2x7h0v3yzw9ndp5e6ft3lq2rj0s4aa9kct and wait.';
    expect(analyze({ text: `${address} Thanks for supporting the podcast!` }, compiled).level).toBe('none');
    // Beside one scam word (news quoting an extortionist's address) it adds nothing; beside a text
    // that already reaches a caution it adds its weight.
    expect(analyze({ text: `稳赚不赔 ${address}` }, compiled).signals).toEqual([]);
    const r = analyze({ text: `稳赚不赔，带单老师 ${address}` }, compiled);
    expect(r.signals.map((s) => s.signal)).toEqual(['walletAddress']);
    expect(r.scores.investment).toBe(analyze({ text: '稳赚不赔，带单老师' }, compiled).scores.investment + 2);
  });

  test.each([
    ['bech32', 'bc1q8m4k2x7h0v3yzw9ndp5e6ft3lq2rj0s4aa9kct', true],
    ['legacy', 'address 1BoatSLRHtKNngkdXEeobR76b53LETtpyT here', true],
    ['Ethereum', 'to 0x52908400098527886E0F7030069857D2E4169EE7.', true],
    ['TRON', 'TRC20 地址：TQn8xJ2kP9sVd3LmWbX7yZ5rTfC4hEa1Gu', true],
    ['a long number', 'order 1234567890123456789012345678', false],
    ['a long word', 'Tthisisnotanaddressbutalongwordhereok', false],
    ['inside a longer token', 'x0x52908400098527886E0F7030069857D2E4169EE7abc', false],
  ])('wallet address: %s', (_name, text, expected) => {
    expect(hasWalletAddress(text)).toBe(expected);
  });

  test('sensitivity moves the thresholds', () => {
    const text = '柬埔寨高薪';
    expect(analyze({ text }, compiled, { sensitivity: 'relaxed' }).level).toBe('none');
    expect(analyze({ text }, compiled, { sensitivity: 'strict' }).level).toBe('caution');
  });
});

describe('regular expressions run only near their anchors', () => {
  const regexRules: Rule[] = [
    rule('pct', 'investment', 'rate', 2, { regex: ['(?:daily|weekly) (?:return|profit)s? of \\d{1,3}%'] }),
    rule('yuan', 'recruitment', 'pay', 2, { regex: ['日(?:赚|入)[0-9]{3,4}'] }),
    rule('daily-word', 'investment', 'x', 1, { phrases: ['daily'] }),
    rule('promise', 'investment', 'returns', 2, { regex: ['(?:^|[^非])保证收益(?:$|[^率])'] }),
  ];
  const c = compileRules(regexRules);

  test('a phrase can be one rule\'s whole word and another\'s regex anchor', () => {
    const fired = analyze({ text: 'Daily returns of 12% guaranteed' }, c).findings.filter((f) => !f.ruleId.startsWith('claim-')).map((f) => f.ruleId).sort();
    expect(fired).toEqual(['daily-word', 'pct']);
  });

  test('a regex that starts with a letter matches only at the start of a word', () => {
    const c2 = compileRules([rule('earn', 'investment', 'x', 1, { regex: ['earn \\$\\d{1,4}'] })]);
    expect(analyze({ text: 'earn $300 today' }, c2).findings).toHaveLength(1);
    expect(analyze({ text: 'learn $300 course' }, c2).findings).toHaveLength(0);
  });

  test('finds exactly what a scan of the whole normalised text finds', () => {
    const piece = fc.constantFrom('daily ', 'weekly ', 'return', 'profit', 's', ' of ', '12', '7', '%', '日', '赚', '入', '500', '3000', ' ', 'x', '。', '非', '保证收益', '率');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const norm = normalizeText(text).text;
        const r = analyze({ text }, c);
        for (const id of ['pct', 'yuan', 'promise']) {
          const source = regexRules.find((x) => x.id === id)!.patterns.regex![0]!;
          // The reference: the whole text, with the word-start rule for 'pct', which begins with a letter.
          const reference = new RegExp(id === 'pct' ? `${WORD_START_LOOKBEHIND}(?:${source})` : source);
          expect(r.findings.some((f) => f.ruleId === id), `${id} on ${JSON.stringify(text)}`).toBe(reference.test(norm));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('properties', () => {
  const alphabet = fc.constantFrom(...'稳赚不赔穩賺不賠带單老师提现手续费缅甸高薪 abcdefguaranteedreturns-*.\u200b\u3000ＧＵ𝐠%1'.split(''), '\u{1d420}', '\ud800', '\udc00');
  const texty = fc.oneof(fc.string({ maxLength: 200 }), fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 100 }));

  test('analyze never throws and every offset points at its quote', () => {
    fc.assert(
      fc.property(texty, fc.option(texty, { nil: undefined }), (text, title) => {
        const r = analyze(title === undefined ? { text } : { text, title }, compiled);
        for (const f of r.findings) {
          for (const m of f.matches) {
            const src = m.field === 'title' ? title ?? '' : text;
            expect(m.start).toBeGreaterThanOrEqual(0);
            expect(m.end).toBeGreaterThan(m.start);
            expect(m.end).toBeLessThanOrEqual(src.length);
            expect(src.slice(m.start, m.end)).toBe(m.quote);
          }
        }
        expect(['none', 'caution', 'danger']).toContain(r.level);
      }),
      { numRuns: 2000 },
    );
  });
});
