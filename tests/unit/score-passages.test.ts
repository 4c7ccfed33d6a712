// Passage scoring (src/engine/score-passages.ts): cues count where they stand together. A page's
// chrome (a lottery ad, a login box) and an article far below it must not add up to a warning;
// the cues of one pitch do. Words that report on fraud damp the passage they stand beside, and the
// title speaks for every passage.
import { describe, expect, test } from 'vitest';
import { analyze, compileRules, type Rule, type RuleType } from '../../src/engine';
import { PASSAGE_CHARS } from '../../src/engine/score-passages';

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
