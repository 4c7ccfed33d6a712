// Folds one character to the form the matcher compares: NFKC (full-width → ASCII, compatibility
// forms), lower case, accents stripped from Latin letters, look-alike Cyrillic and Greek letters →
// Latin, and Traditional → Simplified Chinese. Scammers use every one of these to slip past keyword
// filters (issue 2: "稳​赚​不​赔", "穩賺不賠", Cyrillic "о" in "guaranteed").
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';

/** An OpenCC dictionary read for look-ups: one code unit to one in a table, anything else in a map. */
interface OpenccDict {
  /** unit[c]: what the single code unit c becomes (as one code unit), 0 when not in the table. */
  unit: Uint16Array;
  other: Map<string, string>;
}

/**
 * OpenCC dictionaries are "from to|from to…"; several candidates are separated by spaces, and the
 * first entry of a key and its first candidate count. Read with indexOf and charCodeAt, without a
 * string per entry: splitting the 4,000 entries took ~10 ms on a page's first Chinese character
 * (issue 11), before the JIT warms up.
 */
export function parseOpenccDict(dict: string): OpenccDict {
  const unit = new Uint16Array(0x10000);
  const other = new Map<string, string>();
  /** Keys of one code unit already read (their first entry counts). */
  const seen = new Uint8Array(0x10000);
  const n = dict.length;
  for (let i = 0; i < n; ) {
    let bar = dict.indexOf('|', i);
    if (bar < 0) bar = n;
    const space = dict.indexOf(' ', i);
    if (space > i && space < bar) {
      let end = dict.indexOf(' ', space + 1);
      if (end < 0 || end > bar) end = bar;
      if (end > space + 1) {
        const c = dict.charCodeAt(i);
        if (space === i + 1) {
          if (seen[c] === 0) {
            seen[c] = 1;
            if (end === space + 2) unit[c] = dict.charCodeAt(space + 1);
            else other.set(dict[i]!, dict.slice(space + 1, end));
          }
        } else {
          const key = dict.slice(i, space);
          if (!other.has(key)) other.set(key, dict.slice(space + 1, end));
        }
      }
    }
    i = bar + 1;
  }
  return { unit, other };
}

/** What `ch` becomes in `dict`, undefined when it is not a key. */
export function lookupOpencc(dict: OpenccDict, ch: string): string | undefined {
  if (ch.length === 1) {
    const to = dict.unit[ch.charCodeAt(0)]!;
    if (to !== 0) return String.fromCharCode(to);
  }
  return dict.other.get(ch);
}

let traditionalToSimplified: ((c: string) => string) | null = null;

function toSimplified(c: string): string {
  if (!traditionalToSimplified) {
    const ts = parseOpenccDict(tsCharacters);
    const tw = parseOpenccDict(twVariantsRev);
    const hk = parseOpenccDict(hkVariantsRev);
    traditionalToSimplified = (ch) => {
      const standard = lookupOpencc(tw, ch) ?? lookupOpencc(hk, ch) ?? ch;
      return lookupOpencc(ts, standard) ?? lookupOpencc(ts, ch) ?? standard;
    };
  }
  return traditionalToSimplified(c);
}

// Letters that render like Latin ones. Unicode's confusables list is far larger; these are the ones
// that type on common keyboards and that NFKC leaves alone.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ɡ: 'g', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɩ: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ϲ: 'c', ı: 'i', ℓ: 'l',
  // Typographic quotes and dashes, which NFKC keeps: "don’t" must match "don't", "risk–free" "risk-free".
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};

// Simplified characters with a second simplified form that OpenCC keeps apart: traditional 帳 becomes
// 帐, while scam wording writes 账 (账户, 账号). Both sides of a match are folded, so folding 帐 to
// 账 everywhere also folds it in 帐篷 harmlessly.
// 妳 is "you" said to a woman (Taiwan and Hong Kong write it where the mainland writes 你).
const SIMPLIFIED_VARIANTS: Record<string, string> = { 帐: '账', 妳: '你' };

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Characters removed outright: zero-width spaces and joiners, soft hyphen, BOM, word joiner. */
// The class lists invisible code points one by one (each is tested alone), so combining ones are intended.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /^[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]$/;

/** The folded form of one code point ('' when it is dropped). May be several characters. */
export function foldChar(ch: string): string {
  if (INVISIBLE.test(ch)) return '';
  let s = ch.normalize('NFKC').toLowerCase();
  let out = '';
  for (const c of s) {
    let f = HOMOGLYPHS[c] ?? c;
    const code = f.codePointAt(0) ?? 0;
    if (code >= 0xc0 && code < 0x250) {
      f = f.normalize('NFD').replace(COMBINING_MARKS, '');
    } else if (code >= 0x2e80) {
      f = toSimplified(f);
      f = SIMPLIFIED_VARIANTS[f] ?? f;
    }
    out += f;
  }
  s = out;
  return s;
}
