import { describe, expect, test } from 'vitest';
import { planRegex, WORD_START_LOOKBEHIND, withoutAssertion } from '../../src/engine/plan-regex';

describe('planRegex', () => {
  test.each([
    ['a literal', 'test withdrawal', ['test withdrawal'], 15],
    // A class may match an astral character, so it counts two UTF-16 units.
    ['an alternation of literals', '(earn|make) \\$\\d{1,4}', ['earn', 'make'], 14],
    ['the longest necessary literal wins', '\\d{1,3} ?% daily', ['% daily'], 14],
    ['a class only: no anchor', '[0-9]{2,3}', null, 6],
    ['nested groups: the set with the longest shortest literal', '(?:日(?:收益|回报))[0-9]{1,2}%', ['收益', '回报'], 8],
    ['an optional group is not necessary; a literal not provably at a word start is cut to the next word', '(?:very )?high returns', ['returns'], 17],
    ['a pattern that starts with a word starts at a word', 'high returns', ['high returns'], 12],
    ['letters after a non-letter begin a word', '\\d{1,3}% (daily|weekly)', ['daily', 'weekly'], 14],
    ['letters after digits or an optional space begin a word', '\\d[\\d.]{0,5} ?(eth|bnb) (per|every) ?(day|week)', ['eth', 'bnb'], 27],
    ['a letter class before a literal leaves it unprovable', '[a-z]{1,3}(eth|bnb)', null, 9],
  ])('%s', (_name, source, anchors, max) => {
    const plan = planRegex(source);
    expect(plan.anchors).toEqual(anchors);
    expect(plan.maxLength).toBe(max);
  });

  test('a pattern that starts with a letter gets a word-start look-behind', () => {
    expect(planRegex('earn \\$\\d{1,3}').windowSources[3]).toBe(`${WORD_START_LOOKBEHIND}(?:earn \\$\\d{1,3})`);
    expect(planRegex('\\$\\d{1,3} a day').windowSources[3]).toBe('\\$\\d{1,3} a day');
  });

  test('a second necessary set confirms the anchors', () => {
    const plan = planRegex('(?:rent|lend) (?:out )?your (?:bank|sim) (?:account|card)s?');
    expect(plan.anchors).toEqual(['your ']);
    expect(plan.confirm).toEqual(['rent', 'lend']);
    expect(planRegex('(?:apple|pear) pie|cake').confirm).toBeNull();
  });

  test('word-boundary assertions scan the whole text', () => {
    expect(planRegex('\\bapk\\b').anchors).toBeNull();
  });

  test('^ and $ run in windows, as never-matches where the window does not touch that edge', () => {
    const plan = planRegex('(?:^|[^不])保证收益$');
    expect(plan.anchors).toEqual(['保证收益']);
    expect(plan.windowSources).toEqual([
      '(?:(?!)|[^不])保证收益(?!)',
      '(?:^|[^不])保证收益(?!)',
      '(?:(?!)|[^不])保证收益$',
      '(?:^|[^不])保证收益$',
    ]);
    expect(withoutAssertion('[^a^]\\^x^', '^')).toBe('[^a^]\\^x(?!)');
  });
});
