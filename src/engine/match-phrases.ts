// One pass of the compiled automaton over normalised text: every occurrence of every phrase,
// overlapping ones included, in order of their end. Word boundaries are checked per use of the
// phrase (analyze.ts): the same words can be a whole-word phrase of one rule and an anchor of another.
import { NON_ASCII, type Automaton, type LazyDfa, type CompiledRules } from './compile-rules';

export interface PhraseHits {
  /** Number of hits; phrase[i] ended at end[i] (exclusive) and started at end[i] - length. */
  count: number;
  phrase: Int32Array;
  end: Int32Array;
}

/**
 * The state after reading ch in state s (> 0): follow failure links until one has an edge on ch.
 * A module function with its arrays as arguments: a closure over them would keep the hot loop's
 * arrays in a heap context instead of registers.
 */
function step(edgeStart: Int32Array, edgeChar: Uint16Array, edgeNext: Int32Array, fail: Int32Array, root: Int32Array, s: number, ch: number): number {
  while (s !== 0) {
    let k = edgeStart[s]!;
    let stop = edgeStart[s + 1]!;
    // Wide rows (the word-start state, common first characters): binary search first.
    while (stop - k > 8) {
      const mid = (k + stop) >>> 1;
      if (edgeChar[mid]! <= ch) k = mid; else stop = mid;
    }
    while (k < stop && edgeChar[k]! < ch) k++;
    if (k < stop && edgeChar[k] === ch) return edgeNext[k]!;
    s = fail[s]!;
  }
  return root[ch]!;
}

/** Doubles the hit buffers. A function of its own: see the note on growth below. */
function grow(hits: PhraseHits): void {
  const phrase = new Int32Array(hits.phrase.length * 2);
  phrase.set(hits.phrase);
  const end = new Int32Array(hits.end.length * 2);
  end.set(hits.end);
  hits.phrase = phrase;
  hits.end = end;
}

/**
 * Every occurrence of every phrase in `codes`. With `into`, hits are written to (and grow) its
 * buffers, which are then valid until the next call with it: analyze() keeps one, so a page that
 * is rescanned allocates nothing. Growth lives in another function: inlined, its rarely taken path
 * had no type feedback and deoptimised this function on every call (node --trace-deopt).
 */
export function matchPhrases(codes: Uint16Array, compiled: CompiledRules, into?: PhraseHits): PhraseHits {
  const a = compiled.automaton;
  a.dfa ??= { pool: new Int32Array(256 * a.dfaWidth), rowOf: new Int32Array(a.fail.length), rows: 1, slots: new Int32Array(SLOTS * 4) };
  const hits = into ?? { count: 0, phrase: new Int32Array(256), end: new Int32Array(256) };
  hits.count = scan(codes, a, a.dfa, hits);
  return hits;
}

const SLOT_BITS = 14;
const SLOTS = 1 << SLOT_BITS;

/** The base of state s's row in the lazy DFA, made now if s has none (the pool may grow). */
function rowFor(d: LazyDfa, width: number, s: number): number {
  const have = d.rowOf[s]!;
  if (have !== 0) return have;
  const base = d.rows * width;
  if (base + width > d.pool.length) {
    const pool = new Int32Array(d.pool.length * 2);
    pool.set(d.pool);
    d.pool = pool;
  }
  d.pool[base] = s;
  d.rowOf[s] = base;
  d.rows++;
  return base;
}

/** The lazy DFA's entry for reading ch, after the mark if m, in state s (see LazyDfa). */
function dfaEntry(a: Automaton, d: LazyDfa, s: number, ch: number, m: number): number {
  const t = step(a.edgeStart, a.edgeChar, a.edgeNext, a.fail, a.root, m !== 0 ? a.markNext[s]! : s, ch);
  return rowFor(d, a.dfaWidth, t) * 2 + (a.firstOut[t] !== 0 ? 1 : 0);
}

/** Where run() stopped: the base of the state's row, and the word class of the last character read. */
const place = new Int32Array(2);

/**
 * Reads codes[i, n) from the state at `base` for as long as every transition is already in the
 * lazy DFA (or the cache) and leads to no output. Returns where it stopped: n, or a character
 * not read yet, whose transition must be filled or has an output; `place` holds the state before
 * it. Few live variables: the loop keeps them all in registers.
 */
function run(codes: Uint16Array, i: number, n: number, pool: Int32Array, slots: Int32Array, charInfo: Uint16Array, rootBase: number, base: number, inWord: number): number {
  for (; i < n; i++) {
    const c = codes[i]!;
    const info = charInfo[c]!;
    const w = info & 3;
    const k = info >> 2;
    if (k === 0) { base = rootBase; inWord = w; continue; }
    const m = (inWord - w) >>> 31;
    let v: number;
    if (k !== NON_ASCII) v = pool[base + k * 2 + m]!;
    else {
      const key = c * 2 + m;
      const h = ((Math.imul(base, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) >>> (32 - SLOT_BITS)) << 2;
      v = slots[h] === base && slots[h + 1] === key ? slots[h + 2]! : 0;
    }
    if (v === 0 || (v & 1) !== 0) break;
    base = v >> 1;
    inWord = w;
  }
  place[0] = base;
  place[1] = inWord;
  return i;
}

/**
 * The hot loop, alone in its function: code after a loop that V8 compiled on stack replacement
 * had no type feedback and deoptimised the function on every call (node --trace-deopt). The
 * current state is held as the base of its row in the lazy DFA; each character costs one lookup
 * in charInfo and one in the DFA (ASCII) or in its cache of other characters' transitions.
 */
function scan(codes: Uint16Array, a: Automaton, d: LazyDfa, hits: PhraseHits): number {
  const { output, outLink, firstOut, charInfo } = a;
  const n = codes.length;
  let hitPhrase = hits.phrase;
  let hitEnd = hits.end;
  let cap = hitPhrase.length;
  let count = 0;
  const rootBase = rowFor(d, a.dfaWidth, 0);
  let pool = d.pool;
  const slots = d.slots;
  let base = rootBase;
  let inWord = 0;
  for (let i = 0; ; i++) {
    // The common steps (known, no output) in a loop of their own; this one reads the rest.
    i = run(codes, i, n, pool, slots, charInfo, rootBase, base, inWord);
    if (i >= n) break;
    base = place[0]!;
    inWord = place[1]!;
    const c = codes[i]!;
    const info = charInfo[c]!;
    const w = info & 3;
    // At a word start (the class rises), the mark that whole-word phrases begin with goes first.
    const m = (inWord - w) >>> 31;
    inWord = w;
    const k = info >> 2;
    if (k === 0) { base = rootBase; continue; }
    let v: number;
    if (k !== NON_ASCII) {
      const at = base + k * 2 + m;
      v = pool[at]!;
      if (v === 0) {
        v = dfaEntry(a, d, pool[base]!, c, m);
        pool = d.pool;
        pool[at] = v;
      }
    } else {
      const key = c * 2 + m;
      const h = ((Math.imul(base, 0x9e3779b1) ^ Math.imul(key, 0x85ebca6b)) >>> (32 - SLOT_BITS)) << 2;
      if (slots[h] === base && slots[h + 1] === key) v = slots[h + 2]!;
      else {
        v = dfaEntry(a, d, pool[base]!, c, m);
        pool = d.pool;
        slots[h] = base; slots[h + 1] = key; slots[h + 2] = v;
      }
    }
    base = v >> 1;
    if ((v & 1) === 0) continue;
    let o = firstOut[pool[base]!]!;
    while (o !== 0) {
      if (count === cap) {
        grow(hits);
        hitPhrase = hits.phrase;
        hitEnd = hits.end;
        cap = hitPhrase.length;
      }
      hitPhrase[count] = output[o]!;
      hitEnd[count] = i + 1;
      count++;
      o = outLink[o]!;
    }
  }
  return count;
}
