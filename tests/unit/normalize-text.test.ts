import { describe, expect, test } from 'vitest';
import { normalizeText, originalEnd } from '../../src/engine/normalize-text';

// Each evasion named in issue 2, as a table: input → normalised text.
describe('normalizeText defeats evasions', () => {
  test.each([
    ['full-width letters and digits', 'ＧＵＡＲＡＮＴＥＥＤ　１０％', 'guaranteed 10%'],
    ['zero-width spaces inside a Chinese phrase', '稳\u200b赚\u200b不\u200b赔', '稳赚不赔'],
    ['zero-width joiner and BOM inside a word', 'gua\u200dran\ufeffteed', 'guaranteed'],
    ['soft hyphen', 'in\u00advest', 'invest'],
    ['spaces between Chinese characters', '高 收 益', '高收益'],
    ['hyphen between Chinese characters', '刷-单', '刷单'],
    ['stars and dots between Chinese characters', '稳*赚.不·赔', '稳赚不赔'],
    ['spaced-out letters', 'g u a r a n t e e d', 'guaranteed'],
    ['dotted letters', 'u.s.d.t deposit', 'usdt deposit'],
    ['Traditional Chinese', '穩賺不賠', '稳赚不赔'],
    ['Traditional Chinese (Taiwan variant)', '為了我們的未來', '为了我们的未来'],
    ['Traditional 帳戶 reads as 账户', '凍結帳戶', '冻结账户'],
    ['Cyrillic look-alike letters', 'guarant\u0435\u0435d r\u0435turns', 'guaranteed returns'],
    ['Greek look-alike letters', 'pr\u03bffit', 'profit'],
    ['case', 'GUARANTEED Returns', 'guaranteed returns'],
    ['NFKC compatibility forms', '\ufb01nance \u2460', 'finance 1'],
    ['mathematical bold letters', '\u{1d420}\u{1d42e}\u{1d41a}\u{1d42b}\u{1d41a}\u{1d427}\u{1d42d}\u{1d41e}\u{1d41e}\u{1d41d}', 'guaranteed'],
    ['accents', 'guarántééd', 'guaranteed'],
    ['whitespace runs and newlines', 'high \n\t  returns', 'high returns'],
    ['hyphenated Latin words', 'risk-free', 'risk free'],
    ['typographic apostrophe and dash', 'Don\u2019t miss this risk\u2013free deal', "don't miss this risk free deal"],
    ['a space between Latin and Chinese', 'USDT 充值', 'usdt充值'],
    ['妳 (you, to a woman) as 你', '我帶妳賺錢', '我带你赚钱'],
    ['a line break between Chinese characters stays (the page reader puts one between blocks: "理财" is not in these two menu items)', '公司治理\n財務業務', '公司治理 财务业务'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  test.each([
    ['ordinary English keeps its spaces', 'I am a teacher', 'i am a teacher'],
    ['short letter runs are left alone', 'a b c', 'a b c'],
    ['Chinese punctuation stays a boundary', '不保本。收益', '不保本。收益'],
    ['a number range keeps its hyphen', '18-45', '18-45'],
    ['empty text', '', ''],
    ['only invisible characters', '\u200b\u200c\ufeff', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });
});

describe('normalizeText keeps the original span of each character', () => {
  test.each([
    '稳\u200b赚\u200b不\u200b赔',
    'ＧＵＡＲＡＮＴＥＥＤ　１０％',
    'g u a r a n t e e d returns',
    '穩賺不賠 and \ufb01nance',
    '\u{1d420}\u{1d42e}x  y',
  ])('%j', (input) => {
    const { text, start } = normalizeText(input);
    expect(start.length).toBe(text.length);
    for (let i = 0; i < text.length; i++) {
      expect(start[i]).toBeGreaterThanOrEqual(0);
      expect(originalEnd(input, start[i]!)).toBeLessThanOrEqual(input.length);
      if (i > 0) expect(start[i]).toBeGreaterThanOrEqual(start[i - 1]!);
    }
  });

  test('maps folded characters back to their source', () => {
    const input = '穩 賺 不 賠';
    const { text, start } = normalizeText(input);
    expect(text).toBe('稳赚不赔');
    expect(Array.from(start)).toEqual([0, 2, 4, 6]);
    expect(input.slice(start[0], originalEnd(input, start[3]!))).toBe(input);
  });
});
