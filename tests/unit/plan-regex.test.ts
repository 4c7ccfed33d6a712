import { describe, expect, test } from 'vitest';
import { planRegex } from '../../src/engine/plan-regex';

describe('planRegex', () => {
  test.each([
    ['a literal', 'test withdrawal', ['test withdrawal'], 15],
    // A class may match an astral character, so it counts two UTF-16 units.
    ['an alternation of literals', '(earn|make) \\$\\d{1,4}', ['earn', 'make'], 14],
    ['the longest necessary literal wins', '\\d{1,3} ?% daily', ['% daily'], 14],
    ['a class only: no anchor', '[0-9]{2,3}', null, 6],
    ['nested groups: the set with the longest shortest literal', '(?:日(?:收益|回报))[0-9]{1,2}%', ['收益', '回报'], 8],
    ['an optional group is not necessary', '(?:very )?high returns', ['high returns'], 17],
  ])('%s', (_name, source, anchors, max) => {
    const plan = planRegex(source);
    expect(plan.anchors).toEqual(anchors);
    expect(plan.maxLength).toBe(max);
  });

  test('position assertions scan the whole text', () => {
    expect(planRegex('(?:^|[^不])保证收益').anchors).toBeNull();
    expect(planRegex('\\bapk\\b').anchors).toBeNull();
  });
});
