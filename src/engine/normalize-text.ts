// Normalises page text so that evasions do not hide a phrase from the matcher, and keeps, for every
// normalised character, the span of the original text it came from: findings quote and highlight
// the page's own words, not our folded copy.
//
// Evasions handled (issue 2): full-width letters and digits, compatibility forms (NFKC), case,
// accents, Cyrillic/Greek look-alikes, Traditional Chinese, zero-width characters anywhere,
// spacers between Chinese characters ("稳 赚 不 赔", "刷-单", "高*收*益"), spaced-out letters
// ("g u a r a n t e e d"), and runs of whitespace.
//
// The hot loop reads each UTF-16 unit once through a lazily filled table, so the cost per character
// is one typed-array load; String.prototype.normalize runs once per distinct character.
import { foldChar } from './fold-char';

export interface NormalizedText {
  text: string;
  /** The UTF-16 code units of `text`, for the matcher's hot loop. */
  codes: Uint16Array;
  /**
   * start[i]: where normalised character i begins in the original. Its original span ends at the
   * end of that code point (see originalEnd): a collapsed whitespace run quotes as its first unit.
   */
  start: Int32Array;
}

/** The end (exclusive) in `original` of the span of the normalised character whose start is `start`. */
export function originalEnd(original: string, start: number): number {
  const c = original.charCodeAt(start);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = original.charCodeAt(start + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return start + 2;
  }
  return start + 1;
}

const UNKNOWN = 0xffff;
const MULTI = 0xfffe;
const DROP = 0;

/** fold[c]: the folded single character of BMP code unit c, DROP, MULTI, or UNKNOWN (not yet computed). */
const fold = new Uint16Array(0x10000).fill(UNKNOWN);
const multi = new Map<number, string>();
const astral = new Map<number, string>();


const SPACE = 32;

function isWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function isCjk(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** Characters that form words for Latin-script boundaries: a-z, 0-9, Latin letters with marks. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Punctuation that scammers put between characters to break up a phrase. */
const SPACERS = ' -_.*\u00b7\u2022~|/\\+=#^`\'"\u30fb\u2027';
/** Separators that may split spaced-out letters: "g u a r a n t e e d", "g.u.a.r". */
const LETTER_SEPARATORS = ' .-*_';

const CJK = 1;
const WORD = 2;
const SPACER = 4;
const LETTER_SEP = 8;
/** Character classes of folded characters, computed once (64 KiB). */
const classes = new Uint8Array(0x10000);
for (let c = 0x3400; c <= 0x9fff; c++) classes[c] = CJK;
for (let c = 0xf900; c <= 0xfaff; c++) classes[c] = CJK;
for (let c = 0; c < 0x250; c++) if (isWordChar(c)) classes[c] = WORD;
for (const ch of SPACERS) classes[ch.charCodeAt(0)]! |= SPACER;
for (const ch of LETTER_SEPARATORS) classes[ch.charCodeAt(0)]! |= LETTER_SEP;

function foldUnit(c: number): number {
  const f = foldChar(String.fromCharCode(c));
  let v: number;
  if (f.length === 0) v = DROP;
  else if (f.length === 1 && isWhitespace(f.charCodeAt(0))) v = SPACE;
  else if (f.length === 1 && f.charCodeAt(0) < MULTI && f.charCodeAt(0) !== DROP) v = f.charCodeAt(0);
  else {
    multi.set(c, f.replace(/\s+/g, ' '));
    v = MULTI;
  }
  fold[c] = v;
  return v;
}

let decoder: TextDecoder | null = null;

export function normalizeText(input: string): NormalizedText {
  const n = input.length;
  let cap = n + 16;
  let out = new Uint16Array(cap);
  let st = new Int32Array(cap);
  let w = 0;

  const grow = (): void => {
    cap *= 2;
    const o = new Uint16Array(cap); o.set(out); out = o;
    const s = new Int32Array(cap); s.set(st); st = s;
  };

  // Used only for the rare characters that fold to several (compatibility ligatures, astral letters).
  const emitString = (s: string, from: number): void => {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === SPACE && (w === 0 || out[w - 1] === SPACE)) continue;
      if (w >= cap) grow();
      out[w] = c; st[w] = from; w++;
    }
  };

  // Pass 1: fold every character and collapse whitespace runs to one space.
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    let f = fold[c]!;
    if (f === UNKNOWN) {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = input.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          let a = astral.get(cp);
          if (a === undefined) { a = foldChar(String.fromCodePoint(cp)).replace(/\s+/g, ' '); astral.set(cp, a); }
          emitString(a, i);
          i++;
          continue;
        }
      }
      // Surrogate halves are never cached: their meaning depends on the neighbour.
      f = c >= 0xd800 && c <= 0xdfff ? c : foldUnit(c);
    }
    if (f === DROP) continue;
    if (f === MULTI) { emitString(multi.get(c)!, i); continue; }
    if (f === SPACE && (w === 0 || out[w - 1] === SPACE)) continue;
    if (w >= cap) grow();
    out[w] = f; st[w] = i; w++;
  }
  if (w > 0 && out[w - 1] === SPACE) w--;

  // Pass 2, in place (it only removes or replaces): spacers between Chinese characters, a space
  // between Chinese and Latin ("USDT 充值"), hyphens between Latin letters ("risk-free" → "risk
  // free"), spaced-out single letters ("g u a r a n t e e d").
  const len = w;
  w = 0;
  let r = 0;
  while (r < len) {
    const c = out[r]!;
    const cls = classes[c]!;
    if (cls & SPACER) {
      let q = r + 1;
      while (q < len && classes[out[q]!]! & SPACER) q++;
      const prevCls = w > 0 ? classes[out[w - 1]!]! : 0;
      const nextCls = q < len ? classes[out[q]!]! : 0;
      if (prevCls & CJK && nextCls & CJK && q - r <= 3) { r = q; continue; }
      if (q - r === 1 && c === SPACE && ((prevCls & CJK && nextCls & WORD) || (nextCls & CJK && prevCls & WORD))) {
        r = q; continue;
      }
      if (q - r === 1 && c === 45 && prevCls & WORD && nextCls & WORD && out[w - 1]! > 57 && out[q]! > 57) {
        out[w] = SPACE; st[w] = st[r]!; w++; r = q; continue;
      }
      if (w === r) { w = r = q; continue; }
      while (r < q) { out[w] = out[r]!; st[w] = st[r]!; w++; r++; }
      continue;
    }
    if (cls & WORD && (w === 0 || !(classes[out[w - 1]!]! & WORD)) && r + 1 < len && !(classes[out[r + 1]!]! & WORD)) {
      // A single-letter token: count how many follow, each after one separator.
      let j = r;
      let k = 1;
      while (j + 2 < len && classes[out[j + 1]!]! & LETTER_SEP && classes[out[j + 2]!]! & WORD &&
        (j + 3 >= len || !(classes[out[j + 3]!]! & WORD))) {
        j += 2;
        k++;
      }
      if (k >= 4) {
        for (let t = r; t <= j; t += 2) { out[w] = out[t]!; st[w] = st[t]!; w++; }
        r = j + 1;
        continue;
      }
    }
    if (w !== r) { out[w] = c; st[w] = st[r]!; }
    w++; r++;
  }

  decoder ??= new TextDecoder('utf-16le');
  const text = w === 0 ? '' : decoder.decode(out.subarray(0, w));
  return { text, codes: out.subarray(0, w), start: st.subarray(0, w) };
}

/** Normalises a rule phrase the same way page text is, so rules can be written in any form. */
export function normalizePhrase(phrase: string): string {
  return normalizeText(phrase).text;
}
