// Rule sets of a chosen size for the bench's scaling table (issue 2: "cost … stays nearly flat as
// the number of patterns grows from 100 to 5,000"). A set holds the real rules while they fit and
// is filled up with deterministic synthetic phrases: Chinese bigrams and trigrams drawn from
// everyday characters (so some do occur in the bench text) and pairs of English words.
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
  const zh = /[\u4e00-\u9fff]/.test(phrases[0] ?? '');
  return {
    id: `synthetic-${String(index).padStart(4, '0')}`,
    type: TYPES[index % TYPES.length] ?? 'investment',
    cue: `synthetic-${index % 7}`,
    lang: zh ? 'zh' : 'en',
    weight: 1,
    patterns: { phrases },
    explanation: { en: 'Synthetic benchmark rule.', zh_CN: '基准测试规则。', zh_TW: '基準測試規則。' },
    source: 'synthetic (scripts/bench.ts)',
    examples: { scam: [], benign: [] },
  };
}

export interface SyntheticRuleSet {
  rules: Rule[];
  realRules: number;
  realPatterns: number;
  syntheticPatterns: number;
}

/** A rule set with exactly `patterns` patterns: real rules first (whole), then synthetic ones. */
export function syntheticRules(realRules: readonly Rule[], patterns: number, seed = 7): SyntheticRuleSet {
  const rules: Rule[] = [];
  let used = 0;
  for (const r of realRules) {
    const c = patternCount(r);
    if (used + c > patterns) continue;
    rules.push(r);
    used += c;
  }
  const realPatterns = used;
  const avoid = new Set(rules.flatMap((r) => [...(r.patterns.phrases ?? []), ...(r.patterns.near?.groups.flat() ?? [])]));
  const extra = syntheticPhrases(patterns - used, seed, avoid);
  for (let i = 0; i < extra.length; i += PHRASES_PER_SYNTHETIC_RULE) {
    rules.push(syntheticRule(i / PHRASES_PER_SYNTHETIC_RULE, extra.slice(i, i + PHRASES_PER_SYNTHETIC_RULE)));
  }
  return { rules, realRules: rules.length - Math.ceil(extra.length / PHRASES_PER_SYNTHETIC_RULE), realPatterns, syntheticPatterns: extra.length };
}
