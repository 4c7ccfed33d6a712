// Passage scoring (src/engine/score-passages.ts): cues count where they stand together. A page's
// chrome (a lottery ad, a login box) and an article far below it must not add up to a warning;
// the cues of one pitch do. Words that report on fraud damp the passage they stand beside, and the
// title speaks for every passage.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules, type Rule, type RuleType } from '../../src/engine';
import { PASSAGE_CHARS } from '../../src/engine/score-passages';
import { scoreFindings, SubsetScorer, verdictStrength } from '../../src/engine/score-findings';
import type { Finding, PageSignals, Sensitivity } from '../../src/engine/types';

const explanation = { en: 'e', zh_CN: 'e', zh_TW: 'e' };
const rule = (id: string, type: RuleType, cue: string, weight: number, phrases: string[]): Rule => ({
  id, type, cue, lang: 'any', weight, patterns: { phrases }, explanation, source: 'test', examples: { scam: [], benign: [] },
});
const compiled = compileRules([
  rule('mentor', 'investment', 'mentor', 3, ['带单老师', 'trading mentor']),
  rule('fee', 'investment', 'fee', 4, ['解冻费', 'unfreezing fee']),
  rule('group', 'investment', 'group', 3, ['vip群', 'vip group']),
  rule('report', 'context', 'reporting', 4, ['据报道', 'police said']),
]);
const filler = (n: number): string => 'Nothing to see here, just an ordinary sentence about the weather. '.repeat(Math.ceil(n / 66)).slice(0, n);

describe('passages', () => {
  test('cues in one passage add up', () => {
    const r = analyze({ text: 'Join the VIP group, our trading mentor will guide you; pay the unfreezing fee to withdraw.' }, compiled);
    expect(r.level).toBe('danger');
    expect(r.passage).not.toBeNull();
  });

  test('the same cues far apart do not', () => {
    const text = ['Join the VIP group.', filler(PASSAGE_CHARS * 2), 'Our trading mentor.', filler(PASSAGE_CHARS * 2), 'The unfreezing fee.'].join('\n');
    const r = analyze({ text }, compiled);
    expect(r.level).toBe('none');
    // The strongest passage holds one cue, the heaviest: the unfreezing fee.
    expect(r.findings.map((f) => f.ruleId)).toEqual(['fee']);
    // Scored as one bag of words, the page would have been danger.
    expect(analyze({ text }, compiled, { passageChars: text.length }).level).toBe('danger');
  });

  test('the strongest passage decides, wherever it stands on the page', () => {
    const text = [filler(PASSAGE_CHARS * 3), 'VIP group with a trading mentor; then the unfreezing fee.'].join('\n');
    const r = analyze({ text }, compiled);
    expect(r.level).toBe('danger');
    expect(text.slice(r.passage!.start, r.passage!.start + 3)).toBe('VIP');
  });

  test('reporting words beside a passage damp it, however the window is placed', () => {
    const text = 'Police said the gang ran a VIP group where a trading mentor asked victims for an unfreezing fee.';
    const r = analyze({ text }, compiled);
    expect(r.level).toBe('none');
    expect(r.aboutFraud).toBe(true);
  });

  test('reporting words far away do not damp a scam passage', () => {
    const text = ['Police said nothing new today.', filler(PASSAGE_CHARS * 4), 'VIP group, trading mentor, unfreezing fee.'].join('\n');
    expect(analyze({ text }, compiled).level).toBe('danger');
  });

  test('the title counts in every passage', () => {
    const text = [filler(PASSAGE_CHARS * 2), 'Our trading mentor and the unfreezing fee.'].join('\n');
    expect(analyze({ text }, compiled).level).toBe('caution');
    expect(analyze({ text, title: 'VIP group' }, compiled).level).toBe('danger');
  });
});

describe('SubsetScorer', () => {
  test('gives the strength scoreFindings gives, for any subset', () => {
    const finding = fc.record({
      type: fc.constantFrom('investment', 'romance', 'recruitment', 'context') as fc.Arbitrary<Finding['type']>,
      // Cue names shared between types, and one that looks like a signal's.
      cue: fc.constantFrom('returns', 'plans', 'mentor', 'fee', 'pet-name', 'task', 'signal:apkDownload'),
      weight: fc.constantFrom(-1, 0, 0.5, 1, 2, 3, 4, 5, 7),
    }).map((f): Finding => ({ ...f, ruleId: 'r', matches: [], explanationKey: 'k', source: 's' }));
    const signals = fc.option(fc.record({
      bankCardForm: fc.boolean(),
      apkDownload: fc.boolean(),
      messengerLinks: fc.constantFrom([], ['t.me/x']),
    }, { requiredKeys: [] }) as fc.Arbitrary<PageSignals>, { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(finding, { maxLength: 12 }),
        signals,
        fc.constantFrom('relaxed', 'standard', 'strict') as fc.Arbitrary<Sensitivity>,
        fc.array(fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        (findings, sig, sensitivity, subsets) => {
          const scorer = new SubsetScorer(findings, sig, sensitivity);
          for (const counts of subsets) {
            const count = Int32Array.from(counts.slice(0, findings.length));
            const present = findings.filter((_, i) => count[i]! > 0);
            expect(scorer.strength(count)).toBe(verdictStrength(scoreFindings(present, sig, sensitivity)));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('danger', () => {
  const f = (cue: string, weight: number): Finding => ({ ruleId: `r-${cue}-${weight}`, type: 'investment', cue, weight, matches: [], explanationKey: 'k', source: 's' });
  test('needs three kinds of cue, except a plans table whose return no investment pays', () => {
    expect(scoreFindings([f('returns', 5), f('plans', 4)], undefined, 'standard').level).toBe('danger');
    // The same score from two other kinds of cue stays at caution.
    expect(scoreFindings([f('returns', 5), f('mentor', 4)], undefined, 'standard').level).toBe('caution');
    // A high (not extreme) return beside a plans table: caution.
    expect(scoreFindings([f('returns', 4), f('plans', 4), f('plans', 1)], undefined, 'standard').level).toBe('caution');
  });
});
