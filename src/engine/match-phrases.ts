// One pass of the compiled automaton over normalised text: every occurrence of every phrase,
// overlapping ones included, in order of their end. Word boundaries are checked per use of the
// phrase (analyze.ts): the same words can be a whole-word phrase of one rule and an anchor of another.
import { NON_ASCII, WORD_START, type Automaton, type CompiledRules } from './compile-rules';
import { wordChars } from './normalize-text';

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
  // Uint16 holds (state + 1) · 2 + 1 for up to 32,766 states; larger automata take Int32.
  a.dfa ??= a.fail.length <= 32766 ? new Uint16Array(a.fail.length * a.dfaWidth) : new Int32Array(a.fail.length * a.dfaWidth);
  if (a.cacheState === null || a.cacheChar === null || a.cacheNext === null) {
    a.cacheState = new Int32Array(CACHE_SIZE).fill(-1);
    a.cacheChar = new Uint16Array(CACHE_SIZE);
    a.cacheNext = new Int32Array(CACHE_SIZE);
  }
  const hits = into ?? { count: 0, phrase: new Int32Array(256), end: new Int32Array(256) };
  hits.count = scan(codes, a, a.dfa, a.cacheState, a.cacheChar, a.cacheNext, hits);
  return hits;
}

const CACHE_BITS = 14;
const CACHE_SIZE = 1 << CACHE_BITS;

/** The dense DFA entry for reading ASCII ch in state s (see Automaton.dfa). */
function denseEntry(a: Automaton, s: number, ch: number): number {
  const t = step(a.edgeStart, a.edgeChar, a.edgeNext, a.fail, a.root, s, ch);
  return (t + 1) * 2 + (a.firstOut[t] !== 0 ? 1 : 0);
}

/**
 * The hot loop, alone in its function: code after a loop that V8 compiled on stack replacement
 * had no type feedback and deoptimised the function on every call (node --trace-deopt).
 */
function scan(codes: Uint16Array, a: Automaton, dfa: Uint16Array | Int32Array, cacheState: Int32Array, cacheChar: Uint16Array, cacheNext: Int32Array, hits: PhraseHits): number {
  const { root, edgeStart, edgeChar, edgeNext, fail, output, outLink, firstOut, markRow, markNext, onlyChar, onlyNext, charKind, dfaWidth } = a;
  const n = codes.length;
  let hitPhrase = hits.phrase;
  let hitEnd = hits.end;
  let cap = hitPhrase.length;
  let count = 0;
  // The word-start state is entered before every English word: its row is as dense as the root's.
  const mark = root[WORD_START]!;
  let s = 0;
  let inWord = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    const w = wordChars[c]!;
    // At a word start, the mark that whole-word phrases begin with goes first.
    if (w > inWord) s = markNext[s]!;
    inWord = w;
    const k = charKind[c]!;
    if (k === 0) { s = 0; continue; }
    if (k !== NON_ASCII) {
      const at = s * dfaWidth + k;
      let t = dfa[at]!;
      if (t === 0) dfa[at] = t = denseEntry(a, s, c);
      s = (t >> 1) - 1;
      if ((t & 1) === 0) continue;
    } else {
      if (s === 0) s = root[c]!;
      else if (s === mark && mark !== 0) s = markRow[c]!;
      else if (onlyChar[s] === c) s = onlyNext[s]!;
      else {
        const h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) >>> (32 - CACHE_BITS);
        if (cacheState[h] === s && cacheChar[h] === c) s = cacheNext[h]!;
        else {
          const t = step(edgeStart, edgeChar, edgeNext, fail, root, s, c);
          cacheState[h] = s; cacheChar[h] = c; cacheNext[h] = t;
          s = t;
        }
      }
      if (firstOut[s] === 0) continue;
    }
    let o = firstOut[s]!;
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
