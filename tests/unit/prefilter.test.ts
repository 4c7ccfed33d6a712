// The content script's first stage (src/engine/prefilter.ts, issue 11) must never clear text the
// full engine would flag: it runs over every rule example and every claim test text, and over
// generated text, and must say "may flag" wherever analyze() finds a cue of a scam type.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine/index';
import { normalizeText } from '../../src/engine/normalize-text';
import { readClaims } from '../../src/engine/read-claims';
import { createPrefilter, derivePrefilter, packPrefilter, parsePrefilter, PREFILTER_FORMAT, unpackPrefilter } from '../../src/engine/prefilter';
import { loadRuleSourcesWithFiles } from '../../scripts/lib/load-rule-sources';
import { commonWords } from '../../scripts/lib/common-words';

const sources = loadRuleSourcesWithFiles();
const compiled = compileRules(sources.map((s) => s.rule));
// As the build derives it (scripts/build.ts).
const serialized = derivePrefilter(compiled, normalizeText([...commonWords.en, ...commonWords.zh].join(' ')).text);
const prefilter = createPrefilter(serialized);

/** Whether the full engine finds a cue of a scam type (the only thing that can make a page warn). */
const engineFinds = (text: string, title = ''): boolean => analyze({ text, title }, compiled).findings.some((f) => f.type !== 'context');

describe('the prefilter', () => {
  test('is small beside the compiled rules, and needs no unanchored pattern', () => {
    expect(serialized.always).toBe(false);
    expect(JSON.stringify(serialized).length).toBeLessThan(200_000);
  });

  const scamExamples = sources.flatMap(({ rule }) => (rule.type === 'context' ? [] : rule.examples.scam.map((text) => [rule.id, text] as const)));
  test.each(scamExamples)('triggers on every scam example: %s: %s', (_id, text) => {
    expect(prefilter.mayFlag(text)).toBe(true);
  });

  test('triggers on every rule example (benign ones too) where the engine finds a cue, also as a title', () => {
    const missed: string[] = [];
    for (const { rule } of sources) {
      for (const text of [...rule.examples.scam, ...rule.examples.benign]) {
        if (engineFinds(text) && !prefilter.mayFlag(text)) missed.push(text);
        if (engineFinds('', text) && !prefilter.mayFlag(text)) missed.push(`title: ${text}`);
      }
    }
    expect(missed).toEqual([]);
  });

  test('triggers on every claim test text the claims reader reads a claim from', () => {
    // The string literals of the claims reader's tests: every text they read claims from.
    const source = readFileSync(new URL('./read-claims.test.ts', import.meta.url), 'utf8');
    const literals = [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.)*)`/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    const withClaims = literals.filter((text) => readClaims(normalizeText(text).text).length > 0);
    expect(withClaims.length).toBeGreaterThan(50);
    expect(withClaims.filter((text) => !prefilter.mayFlag(text))).toEqual([]);
  });

  test('clears ordinary text', () => {
    const filler = 'The council met on Tuesday to discuss the new library opening hours and the repairs to the bridge on the river road. ';
    expect(prefilter.mayFlag(Array.from({ length: 40 }, (_, i) => `Section ${i}\n${filler.repeat(2)}`).join('\n'))).toBe(false);
    expect(prefilter.mayFlag('今天天气很好，我们一起去公园散步，然后去图书馆看书。')).toBe(false);
    expect(prefilter.mayFlag('')).toBe(false);
  });

  test('sees through the evasions the engine sees through (spacing, full-width, traditional, zero-width)', () => {
    for (const text of ['稳​赚​不​赔', '穩賺不賠', '稳 赚 不 赔', 'ｇｕａｒａｎｔｅｅｄ ｐｒｏｆｉｔ', 'g u a r a n t e e d returns', '日收益５％']) {
      if (engineFinds(text)) expect(prefilter.mayFlag(text), text).toBe(true);
    }
    expect(engineFinds('穩賺不賠')).toBe(true);
  });

  // Generated text: pieces of the rules' own examples (cut anywhere), numbers, percentages,
  // currencies and everyday words, with the evasions scammers use, in any order.
  const examples = sources.flatMap(({ rule }) => [...rule.examples.scam, ...rule.examples.benign]);
  const piece = fc.oneof(
    fc.tuple(fc.constantFrom(...examples), fc.nat(), fc.nat({ max: 60 })).map(([text, at, length]) => text.slice(at % text.length, (at % text.length) + 1 + length)),
    fc.constantFrom(...commonWords.en, ...commonWords.zh),
    fc.tuple(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('%', ' %', '元', '万', ' usdt', 'u', 'x', '倍', ' dollars', '', ' days', '/day', ' per day', '％')).map(([n, s]) => `${n}${s}`),
    fc.constantFrom('$', '¥', '￥', '每天', '日收益', 'daily', 'per order', '提现', 'withdraw', 'double your money in ', '百分之五', '三万元', '月薪', '日结'),
  );
  const evade = (text: string, how: number): string => {
    if (how === 1) return [...text].join('\u200b');
    if (how === 2) return text.replace(/[a-z0-9%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    if (how === 3) return text.toUpperCase();
    if (how === 4) return [...text].join(' ');
    return text;
  };
  test('triggers wherever the engine finds a cue, on generated text', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', '', '，', '. ', '\n'), fc.nat({ max: 6 }), (pieces, joiner, how) => {
        const text = evade(pieces.join(joiner), how);
        if (engineFinds(text)) {
          found++;
          expect(prefilter.mayFlag(text)).toBe(true);
        }
        if (engineFinds('', text)) expect(prefilter.mayFlag(text)).toBe(true);
      }),
      { numRuns: 1500, seed: 11 },
    );
    // Not vacuous: much of the generated text carries cues.
    expect(found).toBeGreaterThan(300);
  });

  test('reads back only what it wrote: anything else from storage is refused', () => {
    expect(parsePrefilter(JSON.parse(JSON.stringify(serialized)))).toEqual(serialized);
    const ok = { format: PREFILTER_FORMAT, grams: '\u0001ab\nc\u0002\nde\n', direct: 1, all: '1|2', always: false };
    expect(parsePrefilter(ok)).toEqual(ok);
    const bad: unknown[] = [
      null,
      'x',
      {},
      { ...ok, format: 1 },
      { ...ok, grams: ['ab'] },
      { ...ok, grams: 'ab' },
      { ...ok, grams: '\n' },
      { ...ok, grams: '\u0001\u0002\n' },
      { ...ok, grams: `${'x'.repeat(32)}\n` },
      { ...ok, direct: 4 },
      { ...ok, direct: -1 },
      { ...ok, direct: 0.5 },
      { ...ok, all: '1|3' },
      { ...ok, all: '1||2' },
      { ...ok, all: '1|2;' },
      { ...ok, all: '1|-2' },
      { ...ok, all: [[['ab']]] },
      { ...ok, always: 'no' },
    ];
    for (const value of bad) expect(() => parsePrefilter(value), JSON.stringify(value)).toThrow();
  });

  test('packs and unpacks its grams and requirements unchanged', () => {
    const direct = ['\u0001abc', 'de\u0002', '稳赚'];
    const all = [[['\u0001x', 'yz'], ['de\u0002']], [['q'], ['r', 's'], ['t']]];
    const packed = packPrefilter(direct, all, false);
    expect(unpackPrefilter(packed)).toEqual({ direct, all });
    expect(unpackPrefilter(parsePrefilter(JSON.parse(JSON.stringify(packed))))).toEqual({ direct, all });
    // The matcher reads it: a direct gram alone, a requirement only with every slot.
    const p = createPrefilter(packed);
    expect(p.mayFlag('ABC')).toBe(true);
    expect(p.mayFlag('xabc')).toBe(false);
    expect(p.mayFlag('x q')).toBe(false);
    expect(p.mayFlag('q s t')).toBe(true);
    expect(p.mayFlag('code')).toBe(true);
    expect(p.mayFlag('x dex yz')).toBe(false);
  });

  test('reads requirements whose gram numbers take several base-36 digits', () => {
    const direct = Array.from({ length: 80 }, (_, i) => `zq${i.toString(36)}zq`);
    const all = [[['alpha'], ['bravo', 'charlie']], [['delta'], ['echo']]];
    const p = createPrefilter(packPrefilter(direct, all, false));
    expect(p.mayFlag('alpha charlie')).toBe(true);
    expect(p.mayFlag('delta echo')).toBe(true);
    expect(p.mayFlag('alpha echo')).toBe(false);
    expect(p.mayFlag('bravo delta')).toBe(false);
    expect(p.mayFlag('zq1zzq')).toBe(true);
  });

  test('a rule without a literal (an unanchored pattern) makes it read every text', () => {
    const rules = compileRules([{ ...sources[0]!.rule, type: 'investment', patterns: { regex: ['[0-9]{3}'] } }]);
    const p = derivePrefilter(rules);
    if (rules.regexes.some((r) => !r.anchored)) expect(p.always).toBe(true);
    expect(createPrefilter(p).mayFlag('call 555 now')).toBe(true);
  });

  test('prepared before its first text (a worker expecting pages), it answers as one built at its first text', () => {
    const prepared = createPrefilter(serialized);
    prepared.prepare();
    const lazy = createPrefilter(serialized);
    for (const text of ['稳赚不赔', 'Opening hours and a map to our shop.', '日收益５％', '']) expect(prepared.mayFlag(text)).toBe(lazy.mayFlag(text));
    const always = createPrefilter({ ...serialized, always: true });
    always.prepare();
    expect(always.mayFlag('anything')).toBe(true);
  });
});
