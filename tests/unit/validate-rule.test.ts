import { describe, expect, test } from 'vitest';
import { validateRule } from '../../src/rules/validate-rule';

const good = {
  id: 'inv-test', type: 'investment', cue: 'returns', lang: 'zh', weight: 3, source: '002_75d2ff6374214214.txt',
  patterns: { phrases: ['稳赚不赔'] },
  explanation: { en: 'Why', zh_CN: '为什么', zh_TW: '為什麼' },
  examples: { scam: ['稳赚不赔', '穩賺不賠'], benign: ['风险自担', '投资有风险'] },
};

describe('validateRule', () => {
  test('accepts a well-formed rule', () => {
    const r = validateRule(good);
    expect(r.errors).toEqual([]);
    expect(r.rule?.id).toBe('inv-test');
  });

  test.each([
    ['a non-object', 'x', /must be an object/],
    ['a bad id', { ...good, id: 'Bad Id!' }, /^id:/],
    ['an unknown type', { ...good, type: 'lottery' }, /type: one of/],
    ['a weight out of range', { ...good, weight: 9 }, /weight/],
    ['a fractional weight', { ...good, weight: 2.5 }, /weight/],
    ['a missing locale', { ...good, explanation: { en: 'x', zh_CN: 'y' } }, /explanation.zh_TW: missing/],
    ['no patterns', { ...good, patterns: {} }, /no phrases, near or regex/],
    ['an unknown pattern kind', { ...good, patterns: { phrases: ['a'], glob: ['*'] } }, /glob: unknown/],
    ['a phrase that is not a string', { ...good, patterns: { phrases: [3] } }, /phrases\[0\]/],
    ['a malformed near', { ...good, patterns: { near: { groups: 'x' } } }, /near: needs groups/],
    ['too few examples', { ...good, examples: { scam: ['a'], benign: ['b', 'c'] } }, /at least two scam and two benign/],
    ['no source', { ...good, source: '' }, /source/],
  ])('rejects %s', (_name, raw, problem) => {
    const r = validateRule(raw);
    expect(r.rule).toBeNull();
    expect(r.errors.join('\n')).toMatch(problem);
  });

  test('reports every bad field at once', () => {
    const r = validateRule({ ...good, weight: 0, lang: 'fr', cue: '' });
    expect(r.errors.length).toBe(3);
  });

  test('feed rules may omit examples when not required', () => {
    const { examples: _e, ...rest } = good;
    expect(validateRule(rest, false).rule).not.toBeNull();
    expect(validateRule(rest, true).rule).toBeNull();
  });
});
