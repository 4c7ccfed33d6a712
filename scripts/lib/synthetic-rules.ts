// Rule sets of a chosen size for the bench's scaling table (issue 2: "cost … stays nearly flat as
// the number of patterns grows from 100 to 5,000"). A set of N phrase patterns mixes the real
// rules' phrases (plain phrases and the phrases of their near groups, in a fixed shuffled order)
// with deterministic synthetic ones: Chinese bigrams and trigrams drawn from everyday characters
// (so some do occur in the bench text) and pairs of English words. The real share is the same at
// every size (real phrases / 5,000 at most), and each set contains the smaller ones, so the
// table measures the number of patterns, not which rules happen to be included. Real regular
// expressions are left out: they are not phrase patterns (the headline figure includes them).
import type { Rule } from '../../src/engine/types';
import { commonWords } from './common-words';
import { seededRandom } from './seeded-random';

const PHRASES_PER_SYNTHETIC_RULE = 20;
const TYPES = ['investment', 'recruitment', 'romance'] as const;

/** Number of patterns in a rule: phrases, phrases of its near groups, and regular expressions. */
export function patternCount(rule: Rule): number {
  const p = rule.patterns;
  return (p.phrases?.length ?? 0) + (p.near?.groups.reduce((s, g) => s + g.length, 0) ?? 0) + (p.regex?.length ?? 0);
}

/** `count` distinct synthetic phrases, none equal to a phrase in `avoid`. */
export function syntheticPhrases(count: number, seed: number, avoid: ReadonlySet<string> = new Set()): string[] {
  const rng = seededRandom(seed);
  const chars = [...new Set(commonWords.zh.join(''))];
  const words = commonWords.en.filter((w) => w.length >= 4);
  const out = new Set<string>();
  while (out.size < count) {
    let p: string;
    if (rng.next() < 0.5) {
      const n = rng.next() < 0.5 ? 2 : 3;
      p = '';
      for (let i = 0; i < n; i++) p += rng.pick(chars);
    } else {
      p = `${rng.pick(words)} ${rng.pick(words)}`;
    }
    if (!avoid.has(p)) out.add(p);
  }
  return [...out];
}

function syntheticRule(index: number, phrases: string[]): Rule {
  return {
    id: `bench-${String(index).padStart(4, '0')}`,
    type: TYPES[index % TYPES.length] ?? 'investment',
    cue: `synthetic-${index % 7}`,
    lang: 'any',
    weight: 1,
    patterns: { phrases },
    explanation: { en: 'Synthetic benchmark rule.', zh_CN: '基准测试规则。', zh_TW: '基準測試規則。' },
    source: 'synthetic (scripts/bench.ts)',
    examples: { scam: [], benign: [] },
  };
}

export interface SyntheticRuleSet {
  rules: Rule[];
  realPatterns: number;
  syntheticPatterns: number;
}

/** Every distinct phrase of the real rules (plain and near-group), in a fixed shuffled order. */
export function realPhrasePool(realRules: readonly Rule[], seed = 11): string[] {
  const pool = [...new Set(realRules.flatMap((r) => [...(r.patterns.phrases ?? []), ...(r.patterns.near?.groups.flat() ?? [])]))];
  const rng = seededRandom(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool;
}

/**
 * A rule set of exactly `patterns` phrase patterns: round(patterns × share) real phrases, where
 * share = min(1, real phrases / largest), and synthetic phrases for the rest.
 */
export function syntheticRules(realRules: readonly Rule[], patterns: number, largest = 5000, seed = 7): SyntheticRuleSet {
  const pool = realPhrasePool(realRules);
  const share = Math.min(1, pool.length / Math.max(largest, patterns));
  const real = pool.slice(0, Math.min(pool.length, Math.round(patterns * share)));
  const synthetic = syntheticPhrases(patterns - real.length, seed, new Set(pool));
  const rules: Rule[] = [];
  const all = [...real, ...synthetic];
  for (let i = 0; i < all.length; i += PHRASES_PER_SYNTHETIC_RULE) {
    rules.push(syntheticRule(i / PHRASES_PER_SYNTHETIC_RULE, all.slice(i, i + PHRASES_PER_SYNTHETIC_RULE)));
  }
  return { rules, realPatterns: real.length, syntheticPatterns: synthetic.length };
}
