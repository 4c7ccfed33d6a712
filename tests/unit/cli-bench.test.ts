// The bench's building blocks (scripts/lib): the generated text, the synthetic rule sets and the
// naive baseline. No timings are asserted here; `npm run bench` prints them.
import { describe, expect, it } from 'vitest';
import { analyze, compileRules, normalizeText } from '../../src/engine';
import { buildMixedText, truncateUtf8 } from '../../scripts/lib/build-mixed-text';
import { naiveMatcher, phraseToRegExp, runNaive } from '../../scripts/lib/naive-matcher';
import { seededRandom } from '../../scripts/lib/seeded-random';
import { patternCount, realPhrasePool, syntheticRules } from '../../scripts/lib/synthetic-rules';
import type { Rule } from '../../src/engine/types';
import { median } from '../../scripts/lib/time-runs';
import { testRule, testRules } from './cli-test-rules';

describe('buildMixedText', () => {
  const english = ['The river runs past the old mill and the market square every morning.', 'Volunteers planted trees along the new cycle path near the school.'];

  it('is deterministic for a seed and fits the byte budget within a character', () => {
    const a = buildMixedText({ bytes: 50_000, seed: 1, englishTexts: english, sprinkle: ['稳赚不赔'], sprinkleRate: 0.05 });
    const b = buildMixedText({ bytes: 50_000, seed: 1, englishTexts: english, sprinkle: ['稳赚不赔'], sprinkleRate: 0.05 });
    expect(a).toBe(b);
    const size = Buffer.byteLength(a, 'utf8');
    expect(size).toBeLessThanOrEqual(50_000);
    expect(size).toBeGreaterThan(50_000 - 4);
    expect(buildMixedText({ bytes: 50_000, seed: 2, englishTexts: english })).not.toBe(a);
  });

  it('mixes Chinese and English and sprinkles the given sentences', () => {
    const t = buildMixedText({ bytes: 100_000, seed: 3, englishTexts: english, sprinkle: ['稳赚不赔'], sprinkleRate: 0.05 });
    const cjk = (t.match(/[\u4e00-\u9fff]/g) ?? []).length;
    const latin = (t.match(/[a-z]/gi) ?? []).length;
    expect(cjk).toBeGreaterThan(10_000);
    expect(latin).toBeGreaterThan(10_000);
    expect(t).toContain('The river runs past the old mill');
    expect(t.split('稳赚不赔').length - 1).toBeGreaterThan(10);
  });

  it('never cuts a character in half', () => {
    expect(truncateUtf8('ab稳赚', 4)).toBe('ab');
    expect(truncateUtf8('ab稳赚', 5)).toBe('ab稳');
    expect(truncateUtf8('ab稳赚', 100)).toBe('ab稳赚');
  });
});

describe('syntheticRules', () => {
  it.each([10, 100, 1000])('builds a set of exactly %i patterns that compiles', (n) => {
    const set = syntheticRules(testRules, n);
    expect(set.rules.reduce((s, r) => s + patternCount(r), 0)).toBe(n);
    expect(set.realPatterns + set.syntheticPatterns).toBe(n);
    expect(() => compileRules(set.rules)).not.toThrow();
  });

  it('mixes real phrases in a fixed share, is deterministic, and each set contains the smaller ones', () => {
    const realCount = realPhrasePool(testRules).length;
    expect(realCount).toBe(12);
    const small = syntheticRules(testRules, 100, 200);
    const large = syntheticRules(testRules, 200, 200);
    // Share = 12 real phrases / 200 at most: 6 of 100, all 12 of 200.
    expect(small.realPatterns).toBe(6);
    expect(large.realPatterns).toBe(12);
    const phrases = (set: { rules: Rule[] }) => set.rules.flatMap((r) => r.patterns.phrases ?? []);
    expect(phrases(large)).toEqual(expect.arrayContaining(phrases(small)));
    expect(syntheticRules(testRules, 100, 200)).toEqual(small);
  });
});

describe('the naive baseline', () => {
  it('puts word boundaries on Latin ends only, and opens a trailing *', () => {
    expect(phraseToRegExp('Trading Mentor').source).toBe('\\btrading mentor\\b');
    expect(phraseToRegExp('稳赚不赔').source).toBe('稳赚不赔');
    expect(phraseToRegExp('return*').source).toBe('\\breturn\\w*');
    expect(phraseToRegExp('usdt充值').source).toBe('\\busdt充值');
  });

  it('finds the same phrases the engine finds on the same text', () => {
    const rules = [
      ...testRules,
      testRule('t-open', 'recruitment', 'salary', 5, ['high salar*', '高薪']),
    ];
    const compiled = compileRules(rules);
    const text = 'A trading mentor said: guaranteed profit! Not a mentorship. 高薪招聘，稳 赚 不 赔。High salaries paid; police said the victims lost money. 理财';
    const fired = new Set(analyze({ text }, compiled).findings.map((f) => f.ruleId));
    const normalized = normalizeText(text).text;
    const naiveFired = new Set(
      rules.filter((r) => runNaive(naiveMatcher([r]), normalized) > 0).map((r) => r.id),
    );
    expect(naiveFired).toEqual(fired);
    expect(fired).toEqual(new Set(['t-mentor', 't-returns', 't-open', 't-police', 't-victims', 't-weak']));
  });
});

describe('helpers', () => {
  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('seededRandom repeats for a seed and stays in range', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
  });
});
