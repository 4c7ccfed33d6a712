// The OpenCC dictionaries are read without a string per entry (fold-char.ts, issue 11): every key
// must still give what the plain reading (split on '|' and ' ', first entry and candidate win) gives.
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';
import { describe, expect, test } from 'vitest';
import { foldChar, lookupOpencc, parseOpenccDict } from '../../src/engine/fold-char';

function plainReading(dict: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && !map.has(from)) map.set(from, to);
  }
  return map;
}

describe('OpenCC dictionaries', () => {
  test.each([
    ['TSCharacters', tsCharacters],
    ['TWVariantsRev', twVariantsRev],
    ['HKVariantsRev', hkVariantsRev],
  ])('%s reads as the plain split does', (_name, dict) => {
    const plain = plainReading(dict);
    const read = parseOpenccDict(dict);
    const differ = [...plain].filter(([from, to]) => lookupOpencc(read, from) !== to);
    expect(differ).toEqual([]);
    expect(plain.size).toBeGreaterThan(20);
  });

  test('duplicate keys, several candidates, astral characters and damaged entries', () => {
    const read = parseOpenccDict('a b c|a d|e 𠵾|𠵾 f|g| h|i |jk l|e m|');
    expect(lookupOpencc(read, 'a')).toBe('b');
    expect(lookupOpencc(read, 'e')).toBe('𠵾');
    expect(lookupOpencc(read, '𠵾')).toBe('f');
    expect(lookupOpencc(read, 'jk')).toBe('l');
    for (const absent of ['g', 'h', 'i', '', 'z']) expect(lookupOpencc(read, absent)).toBeUndefined();
  });

  test('traditional characters fold to simplified ones', () => {
    expect([...'穩賺不賠'].map(foldChar).join('')).toBe('稳赚不赔');
    expect(foldChar('帳')).toBe('账');
  });
});
