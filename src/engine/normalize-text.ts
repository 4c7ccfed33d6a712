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
  readonly text: string;
  /** The UTF-16 code units of `text`, for the matcher's hot loop. */
  codes: Uint16Array;
  /**
   * start[i]: where normalised character i begins in the original. Its original span ends at the
   * end of that code point (see originalEnd): a collapsed whitespace run quotes as its first unit.
   * Made on first use from the runs the normaliser records; the matcher needs startOf only.
   */
  readonly start: Int32Array;
  /** start[i] without making `start`: a binary search among the runs. */
  startOf(i: number): number;
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
// Native fills: these loops ran cold at every page's load (issue 11).
classes.fill(CJK, 0x3400, 0xa000);
classes.fill(CJK, 0xf900, 0xfb00);
for (let c = 0; c < 0x250; c++) if (isWordChar(c)) classes[c] = WORD;
for (const ch of SPACERS) classes[ch.charCodeAt(0)]! |= SPACER;
for (const ch of LETTER_SEPARATORS) classes[ch.charCodeAt(0)]! |= LETTER_SEP;

/**
 * For the matcher's word-start marks: 2 for letters, 1 for digits, 0 for the rest. A word starts
 * where the class rises: a letter after a non-letter ("usdt" in "100usdt"), a digit after neither.
 */
export const wordChars = new Uint8Array(0x10000);
for (let c = 0; c < 0x250; c++) if (isWordChar(c)) wordChars[c] = c >= 48 && c <= 57 ? 1 : 2;

/** Whether a word starts at character `c` after character `prev` (see wordChars). */
export function startsWordAfter(prev: number, c: number): boolean {
  return wordChars[c]! > wordChars[prev]!;
}

/** Control characters are invisible on a page; dropping them also keeps U+0001 free for the matcher's word-start mark. */
function isControl(c: number): boolean {
  return (c < 32 && !isWhitespace(c)) || (c >= 0x7f && c < 0xa0 && c !== 0x85);
}

function foldUnit(c: number): number {
  if (isControl(c)) { fold[c] = DROP; return DROP; }
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

/** Buffers a caller may lend to normalizeText so that repeated calls allocate nothing. */
export interface NormalizeScratch {
  out: Uint16Array;
  /** The runs of original offsets (see `offs`). */
  start: Int32Array;
}

// Where each output character comes from, as runs: run r begins at output position offs[2r] with
// original offset offs[2r + 1], and both advance together until the next run. Most text maps one
// to one (a run ends only where characters are dropped, collapsed or joined), so the hot loops
// write no offsets at all; findings translate the few positions they quote (startOf). Module
// state for the call in progress, like `run` below; the result keeps its own reference.
let offs: Int32Array = new Int32Array(0);
let nOffs = 0;
/** The delta (offset − position) when there is no run: no real delta is this negative. */
const NO_RUN = -0x7fffffff;

/** The output was cut back to w: drops the runs that begin at or after it. Returns the last run's delta. */
function cutOffsets(w: number): number {
  while (nOffs > 0 && offs[2 * nOffs - 2]! >= w) nOffs--;
  return nOffs > 0 ? offs[2 * nOffs - 1]! - offs[2 * nOffs - 2]! : NO_RUN;
}

/** Output position w (after every run's start) comes from original offset `from`. Returns the new delta. */
function setOffset(w: number, from: number): number {
  const delta = nOffs > 0 ? offs[2 * nOffs - 1]! - offs[2 * nOffs - 2]! : NO_RUN;
  if (from - w === delta) return delta;
  if (2 * nOffs + 2 > offs.length) {
    const bigger = new Int32Array(Math.max(64, offs.length * 2));
    bigger.set(offs);
    offs = bigger;
  }
  offs[2 * nOffs] = w;
  offs[2 * nOffs + 1] = from;
  nOffs++;
  return from - w;
}

/** The original offset of output position p, from `runs` (n of them). */
function offsetIn(runs: Int32Array, n: number, p: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[2 * mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return runs[2 * lo + 1]! + (p - runs[2 * lo]!);
}

/**
 * Normalises `input`. With `scratch`, the result's arrays live in (and are only valid until the
 * next call with) that scratch, which grows as needed: analyze() uses one, as it reads the result
 * only before returning.
 */
// The run of single-letter tokens ("g u a r …") being read: its first and last letter in `out`
// and its length. Module state, reset per call: the hot loop keeps its own variables in registers,
// which closures over them would prevent.
const RUN_START = 0;
const RUN_END = 1;
const RUN_COUNT = 2;
const run = new Int32Array(3);

/** A word ended at w; if it is one letter, it may extend a spaced-out run. Returns the new w. */
function endWord(out: Uint16Array, w: number, q: number): number {
  if (w - q !== 1) { run[RUN_COUNT] = 0; return w; }
  const runEnd = run[RUN_END]!;
  const runStart = run[RUN_START]!;
  if (run[RUN_COUNT]! > 0 && q === runEnd + 2 && classes[out[runEnd + 1]!]! & LETTER_SEP) {
    const count = ++run[RUN_COUNT]!;
    if (count > 4) {
      // Already joined: drop the separator before this letter.
      out[runEnd + 1] = out[q]!;
      const from = offsetIn(offs, nOffs, q);
      cutOffsets(runEnd + 1);
      setOffset(runEnd + 1, from);
      run[RUN_END] = runEnd + 1;
      return runEnd + 2;
    }
    if (count === 4) {
      // Four single letters with one separator between each: join them ("g u a r" → "guar").
      const from = [offsetIn(offs, nOffs, runStart + 2), offsetIn(offs, nOffs, runStart + 4), offsetIn(offs, nOffs, runStart + 6)];
      cutOffsets(runStart + 1);
      for (let k = 1; k < 4; k++) { out[runStart + k] = out[runStart + 2 * k]!; setOffset(runStart + k, from[k - 1]!); }
      run[RUN_END] = runStart + 3;
      return runStart + 4;
    }
    run[RUN_END] = q;
    return w;
  }
  run[RUN_START] = q; run[RUN_END] = q; run[RUN_COUNT] = 1;
  return w;
}

/** A non-spacer c (class cls) follows the spacers out[spacerStart, w). Returns the new w. */
function endSpacers(out: Uint16Array, w: number, spacerStart: number, c: number, cls: number, lineBreak = false): number {
  const len = w - spacerStart;
  const prev = spacerStart > 0 ? out[spacerStart - 1]! : 0;
  const prevCls = classes[prev]!;
  // 稳 赚, 刷-单, 高*收*益; but not across a line break: the page reader puts one between blocks,
  // and "公司治理" in one menu item and "财务" in the next are not "理财".
  if (prevCls & CJK && cls & CJK && len <= 3 && !lineBreak) return spacerStart;
  if (len === 1 && out[spacerStart] === SPACE && ((prevCls & CJK && cls & WORD) || (cls & CJK && prevCls & WORD))) return spacerStart; // USDT 充值
  if (len === 1 && out[spacerStart] === 45 && prevCls & WORD && cls & WORD && prev > 57 && c > 57) out[spacerStart] = SPACE; // risk-free
  return w;
}

/** An output buffer twice the size with the same contents (only when characters expanded: ligatures). */
function grown(out: Uint16Array, scratch: NormalizeScratch | undefined): Uint16Array {
  const bigger = new Uint16Array(out.length * 2);
  bigger.set(out);
  if (scratch) scratch.out = bigger;
  return bigger;
}

// The copy loops, each in a small function of its own: inside normalizeText's large loop, their
// variables lived on the stack. Input and output advance together in them (output position =
// input position + d), so they return only the new input position; copyWords leaves where the
// last word starts in copied[0].
const copied = new Int32Array(1);

/**
 * Copies word characters (and one space between a word of two or more characters and the next
 * word, which the general path would leave as it is: the commonest boundary of Latin text) from
 * input[i, lim) to out, until anything else. DROP, MULTI and UNKNOWN are no word characters.
 */
function copyWords(input: string, out: Uint16Array, i: number, lim: number, d: number, wordStart: number): number {
  while (i < lim) {
    const g = fold[input.charCodeAt(i)]!;
    if ((classes[g]! & WORD) === 0) {
      if (g !== SPACE || i + d - wordStart < 2 || i + 1 >= lim || (classes[fold[input.charCodeAt(i + 1)]!]! & WORD) === 0) break;
      run[RUN_COUNT] = 0;
      out[i + d] = SPACE;
      i++;
      wordStart = i + d;
      continue;
    }
    out[i + d] = g;
    i++;
  }
  copied[0] = wordStart;
  return i;
}

/** Copies characters that are neither spacers nor word characters (Chinese) from input[i, lim) to out. */
function copyOthers(input: string, out: Uint16Array, i: number, lim: number, d: number): number {
  while (i < lim) {
    const g = fold[input.charCodeAt(i)]!;
    if (g >= MULTI || g === DROP || (classes[g]! & (SPACER | WORD)) !== 0) break;
    out[i + d] = g;
    i++;
  }
  return i;
}

export function normalizeText(input: string, scratch?: NormalizeScratch): NormalizedText {
  const n = input.length;
  let cap = n + 16;
  if (scratch && scratch.out.length < cap) scratch.out = new Uint16Array(cap);
  if (scratch) cap = scratch.out.length;
  let out = scratch ? scratch.out : new Uint16Array(cap);
  offs = scratch ? scratch.start : new Int32Array(64);
  nOffs = 0;
  // offset − position of the last run: a character whose offset differs starts a new run.
  let delta = NO_RUN;
  let w = 0;
  // Where the trailing run of spacers in `out` begins (-1: the last character is not a spacer).
  let spacerStart = -1;
  // Whether that run of spacers holds a line break (the page reader's mark between blocks).
  let lineBreak = false;
  // Where the trailing word (a-z, 0-9) begins (-1: the last character is not a word character).
  let wordStart = -1;
  run.fill(0);
  run[RUN_END] = -1;
  // Characters that fold to several (ligatures, astral letters) are read from `pending`.
  let pending = '';
  let pk = 0;
  let pendingFrom = 0;
  let i = 0;

  for (;;) {
    let f: number;
    let from: number;
    if (pk < pending.length) {
      f = pending.charCodeAt(pk++);
      from = pendingFrom;
    } else {
      if (i >= n) break;
      const c = input.charCodeAt(i);
      from = i++;
      f = fold[c]!;
      if (f === UNKNOWN) {
        if (c >= 0xd800 && c <= 0xdbff && i < n) {
          const d = input.charCodeAt(i);
          if (d >= 0xdc00 && d <= 0xdfff) {
            const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
            let a = astral.get(cp);
            if (a === undefined) { a = foldChar(String.fromCodePoint(cp)).replace(/\s+/g, ' '); astral.set(cp, a); }
            i++;
            pending = a; pk = 0; pendingFrom = from;
            continue;
          }
        }
        // Surrogate halves are never cached: their meaning depends on the neighbour.
        f = c >= 0xd800 && c <= 0xdfff ? c : foldUnit(c);
      }
      if (f === DROP) continue;
      if (f === MULTI) { pending = multi.get(c)!; pk = 0; pendingFrom = from; continue; }
    }

    const cls = classes[f]!;
    // A run of letters and digits, or of Chinese (or other) characters with nothing pending: the
    // common cases, copied in a loop with one predictable branch.
    const wordRun = (cls & WORD) !== 0 && spacerStart < 0;
    if (wordRun || ((cls & (SPACER | WORD)) === 0 && spacerStart < 0 && wordStart < 0)) {
      if (wordRun && wordStart < 0) wordStart = w;
      if (w >= cap) {
        out = grown(out, scratch);
        cap = out.length;
      }
      out[w] = f;
      if (from - w !== delta) delta = setOffset(w, from);
      w++;
      // The loops below write no offsets: input and output advance together, in the last run.
      if (pk < pending.length || i - w !== delta) continue;
      // Input and output advance together below: the output is full when i reaches `lim`.
      const lim = Math.min(n, i + cap - w);
      const from0 = i;
      if (wordRun) {
        i = copyWords(input, out, i, lim, w - i, wordStart);
        wordStart = copied[0]!;
      } else {
        i = copyOthers(input, out, i, lim, w - i);
      }
      w += i - from0;
      continue;
    }
    if (cls & SPACER) {
      if (from < n && input.charCodeAt(from) === 10 && pk >= pending.length) lineBreak = true;
      if (f === SPACE && (w === 0 || out[w - 1] === SPACE)) continue;
      // A word of two or more letters only ends any spaced-out run; one letter may extend it.
      if (wordStart >= 0) {
        if (w - wordStart > 1) run[RUN_COUNT] = 0;
        else { w = endWord(out, w, wordStart); delta = cutOffsets(w); }
        wordStart = -1;
      }
      if (spacerStart < 0) spacerStart = w;
    } else if (cls & WORD) {
      if (spacerStart >= 0) {
        // One space between two Latin words stays as it is: no call for the commonest case.
        if (w - spacerStart !== 1 || out[spacerStart] !== SPACE || spacerStart === 0 || classes[out[spacerStart - 1]!]! & CJK) {
          w = endSpacers(out, w, spacerStart, f, cls, lineBreak);
          delta = cutOffsets(w);
        }
        spacerStart = -1;
        lineBreak = false;
      }
      if (wordStart < 0) wordStart = w;
    } else {
      if (wordStart >= 0) { w = endWord(out, w, wordStart); wordStart = -1; delta = cutOffsets(w); }
      if (spacerStart >= 0) { w = endSpacers(out, w, spacerStart, f, cls, lineBreak); spacerStart = -1; lineBreak = false; delta = cutOffsets(w); }
    }
    if (w >= cap) {
      out = grown(out, scratch);
      cap = out.length;
    }
    out[w] = f;
    if (from - w !== delta) delta = setOffset(w, from);
    w++;
  }
  return finish(out, w, wordStart, scratch);
}

// The tail of normalizeText, in a function of its own: compiled inside the hot function's
// optimised code it had no type feedback yet, and deoptimised that code on every call (measured
// with node --trace-deopt), so that every page ran the loop in the interpreter.
function finish(out: Uint16Array, w: number, wordStart: number, scratch: NormalizeScratch | undefined): NormalizedText {
  if (scratch) scratch.start = offs;
  if (wordStart >= 0) w = endWord(out, w, wordStart);
  if (w > 0 && out[w - 1] === SPACE) w--;
  cutOffsets(w);
  const codes = out.subarray(0, w);
  const runs = offs;
  const n = nOffs;
  let text: string | undefined;
  let start: Int32Array | undefined;
  return {
    // Built on first use only: the matcher reads `codes`; only regular expressions need a string.
    get text(): string {
      if (text === undefined) {
        decoder ??= new TextDecoder('utf-16le');
        text = codes.length === 0 ? '' : decoder.decode(codes);
      }
      return text;
    },
    codes,
    get start(): Int32Array {
      if (start === undefined) {
        start = new Int32Array(w);
        for (let r = 0; r < n; r++) {
          const to = r + 1 < n ? runs[2 * r + 2]! : w;
          for (let p = runs[2 * r]!; p < to; p++) start[p] = runs[2 * r + 1]! + (p - runs[2 * r]!);
        }
      }
      return start;
    },
    startOf: (i: number): number => offsetIn(runs, n, i),
  };
}

/** Normalises a rule phrase the same way page text is, so rules can be written in any form. */
export function normalizePhrase(phrase: string): string {
  return normalizeText(phrase).text;
}
