// The sensitivity setting (issue 5) re-scores a result with the engine's own thresholds:
// 'standard' leaves every result exactly as the engine made it, and each sensitivity gives what
// analyze() itself gives at that sensitivity.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine/index';
import type { AnalyzeResult, Finding, Level, PageSignals, RuleType, Sensitivity } from '../../src/engine/types';
import { loadRuleSourcesWithFiles } from '../../src/rules/load-rule-sources';
import { applySensitivity } from '../../src/shared/apply-sensitivity';

function finding(cue: string, weight: number, type: RuleType = 'investment'): Finding {
  return { ruleId: `${type}-${cue}`, type, cue, weight, matches: [], explanationKey: `rule_${cue}`, source: 'test' };
}

/** A result as the page scanner makes it: scored at 'standard'. */
function standardResult(findings: Finding[]): AnalyzeResult {
  return applySensitivity({ level: 'none', scores: { investment: 0, romance: 0, recruitment: 0 }, topType: null, findings, signals: [], aboutFraud: false }, 'standard');
}

describe('levels at the thresholds of score-findings.ts', () => {
  // caution: score ≥ caution with ≥ 2 cues, or ≥ cautionAlone; danger: ≥ danger with ≥ 3 cues.
  // relaxed 5/6/11, standard 4/5/9, strict 3/4/7.
  test.each<[string, Finding[], Record<Sensitivity, Level>]>([
    ['one weak cue (2)', [finding('a', 2)], { relaxed: 'none', standard: 'none', strict: 'none' }],
    ['two cues scoring 3', [finding('a', 2), finding('b', 1)], { relaxed: 'none', standard: 'none', strict: 'caution' }],
    ['two cues scoring 4', [finding('a', 2), finding('b', 2)], { relaxed: 'none', standard: 'caution', strict: 'caution' }],
    ['two cues scoring 5', [finding('a', 3), finding('b', 2)], { relaxed: 'caution', standard: 'caution', strict: 'caution' }],
    ['one cue scoring 4', [finding('a', 4)], { relaxed: 'none', standard: 'none', strict: 'caution' }],
    ['one cue scoring 5', [finding('a', 5)], { relaxed: 'none', standard: 'caution', strict: 'caution' }],
    ['three cues scoring 7', [finding('a', 3), finding('b', 2), finding('c', 2)], { relaxed: 'caution', standard: 'caution', strict: 'danger' }],
    ['three cues scoring 9', [finding('a', 3), finding('b', 3), finding('c', 3)], { relaxed: 'caution', standard: 'danger', strict: 'danger' }],
    ['three cues scoring 11', [finding('a', 4), finding('b', 4), finding('c', 3)], { relaxed: 'danger', standard: 'danger', strict: 'danger' }],
    ['two cues scoring 12: never danger with fewer than 3 cues', [finding('a', 6), finding('b', 6)], { relaxed: 'caution', standard: 'caution', strict: 'caution' }],
  ])('%s', (_name, findings, expected) => {
    const result = standardResult(findings);
    for (const s of ['relaxed', 'standard', 'strict'] as const) expect(applySensitivity(result, s).level, s).toBe(expected[s]);
  });

  test('the about-fraud damping follows the sensitivity too (strict needs more reporting words to stand down)', () => {
    const findings = [finding('a', 3), finding('b', 3), finding('c', 3), finding('police', 4, 'context')];
    const result = standardResult(findings);
    expect(result.aboutFraud).toBe(true);
    expect(result.level).toBe('none');
    const strict = applySensitivity(result, 'strict');
    expect(strict.aboutFraud).toBe(false);
    expect(strict.level).toBe('danger');
  });

  test('the findings are kept as they are', () => {
    const result = standardResult([finding('a', 3), finding('b', 2)]);
    expect(applySensitivity(result, 'strict').findings).toBe(result.findings);
  });
});

// The real rules and their own examples, combined at random with page signals: re-scoring a
// standard result must give exactly what analyze() gives at each sensitivity.
const sources = loadRuleSourcesWithFiles();
const compiled = compileRules(sources.map((s) => s.rule));
const examples = sources.flatMap(({ rule }) => [...rule.examples.scam, ...rule.examples.benign]);

const signalsArb: fc.Arbitrary<PageSignals> = fc.record(
  {
    bankCardForm: fc.boolean(),
    idNumberForm: fc.boolean(),
    verificationCodeForm: fc.boolean(),
    messengerLinks: fc.array(fc.constantFrom('telegram', 'whatsapp', 'line'), { maxLength: 2 }),
    apkDownload: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('against the engine, on the real rules', () => {
  test('standard leaves every result exactly as analyze() made it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...examples), { minLength: 1, maxLength: 6 }), signalsArb, (texts, signals) => {
        const result = analyze({ text: texts.join('\n'), signals }, compiled);
        expect(applySensitivity(result, 'standard')).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  test.each(['relaxed', 'strict'] as const)('%s gives what analyze() gives at %s', (sensitivity) => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...examples), { minLength: 1, maxLength: 6 }), signalsArb, (texts, signals) => {
        const input = { text: texts.join('\n'), signals };
        expect(applySensitivity(analyze(input, compiled), sensitivity)).toEqual(analyze(input, compiled, { sensitivity }));
      }),
      { numRuns: 300 },
    );
  });

  test('the random texts reach every level, so the comparison above means something', () => {
    const levels = new Set<Level>();
    for (let i = 0; i + 4 <= examples.length; i += 4) levels.add(analyze({ text: examples.slice(i, i + 4).join('\n') }, compiled).level);
    expect([...levels].sort()).toEqual(['caution', 'danger', 'none']);
  });
});
