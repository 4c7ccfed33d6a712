import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine/index';
import { loadRuleSourcesWithFiles } from '../../scripts/lib/load-rule-sources';

// Every rule in rules/ carries scam and benign examples; this table runs them all against the
// full compiled rule set (issue 2): the rule fires on each scam example and not on a benign one.
const sources = loadRuleSourcesWithFiles();
const compiled = compileRules(sources.map((s) => s.rule));
const fires = (ruleId: string, text: string): boolean => analyze({ text }, compiled).findings.some((f) => f.ruleId === ruleId);

const scamCases = sources.flatMap(({ file, rule }) => rule.examples.scam.map((text) => [file, rule.id, text] as const));
const benignCases = sources.flatMap(({ file, rule }) => rule.examples.benign.map((text) => [file, rule.id, text] as const));

describe('rule sources', () => {
  test('there are rules for every scam type in Chinese and English, and context rules', () => {
    const kinds = new Set(sources.map(({ rule }) => `${rule.type}/${rule.lang}`));
    for (const k of ['investment/zh', 'investment/en', 'romance/zh', 'romance/en', 'recruitment/zh', 'recruitment/en', 'context/zh', 'context/en']) {
      expect(kinds, k).toContain(k);
    }
  });

  test('every rule cites a source article and has at least two examples of each kind', () => {
    for (const { rule } of sources) {
      expect(rule.source.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.scam.length, rule.id).toBeGreaterThanOrEqual(2);
      expect(rule.examples.benign.length, rule.id).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('scam examples fire their rule', () => {
  test.each(scamCases)('%s %s: %s', (_file, id, text) => {
    expect(fires(id, text)).toBe(true);
  });
});

describe('benign examples do not fire their rule', () => {
  test.each(benignCases)('%s %s: %s', (_file, id, text) => {
    expect(fires(id, text)).toBe(false);
  });
});
