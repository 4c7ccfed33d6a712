// Small hand-written rule sets for the CLI tests, so they do not depend on the real rules (which
// are tuned on measurement). Weights are chosen far from the scoring thresholds: three distinct
// weight-5 cues make danger, two make caution, one weight-1 cue makes nothing, and two weight-5
// context cues mark a text as being about fraud.
import type { Rule, RuleType } from '../../src/engine/types';

export function testRule(id: string, type: RuleType, cue: string, weight: number, phrases: string[]): Rule {
  return {
    id,
    type,
    cue,
    lang: 'any',
    weight,
    patterns: { phrases },
    explanation: { en: `test ${id}`, zh_CN: `测试 ${id}`, zh_TW: `測試 ${id}` },
    source: '002_75d2ff6374214214.txt',
    examples: { scam: [phrases[0] ?? '', phrases[0] ?? ''], benign: ['nothing here', '今天天气很好'] },
  };
}

export const testRules: Rule[] = [
  testRule('t-returns', 'investment', 'returns', 5, ['稳赚不赔', 'guaranteed profit']),
  testRule('t-mentor', 'investment', 'mentor', 5, ['带单老师', 'trading mentor']),
  testRule('t-fee', 'investment', 'withdrawal-fee', 5, ['解冻费', 'unfreezing fee']),
  testRule('t-weak', 'investment', 'weak', 1, ['理财', 'portfolio']),
  testRule('t-police', 'context', 'reporting', 5, ['警方表示', 'police said']),
  testRule('t-victims', 'context', 'victims', 5, ['受害人', 'the victims']),
];
