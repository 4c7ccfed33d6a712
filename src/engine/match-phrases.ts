// One pass of the compiled automaton over normalised text: every occurrence of every phrase,
// overlapping ones included, in order of their end. Word boundaries are checked per use of the
// phrase (analyze.ts): the same words can be a whole-word phrase of one rule and an anchor of another.
import type { CompiledRules } from './compile-rules';

export interface PhraseHits {
  /** Number of hits; phrase[i] ended at end[i] (exclusive) and started at end[i] - length. */
  count: number;
  phrase: Int32Array;
  end: Int32Array;
}

export function matchPhrases(codes: Uint16Array, compiled: CompiledRules): PhraseHits {
  const { root, edgeStart, edgeChar, edgeNext, fail, output, outLink } = compiled.automaton;
  const n = codes.length;
  let cap = 256;
  let hitPhrase = new Int32Array(cap);
  let hitEnd = new Int32Array(cap);
  let count = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    // Follow failure links until a state has an edge on c (the root always "has" one).
    for (;;) {
      if (s === 0) { s = root[c]!; break; }
      let k = edgeStart[s]!;
      const stop = edgeStart[s + 1]!;
      while (k < stop && edgeChar[k]! < c) k++;
      if (k < stop && edgeChar[k] === c) { s = edgeNext[k]!; break; }
      s = fail[s]!;
    }
    if (s === 0) continue;
    let o = output[s]! >= 0 ? s : outLink[s]!;
    while (o !== 0) {
      const p = output[o]!;
      if (count === cap) {
        cap *= 2;
        const hp = new Int32Array(cap); hp.set(hitPhrase); hitPhrase = hp;
        const he = new Int32Array(cap); he.set(hitEnd); hitEnd = he;
      }
      hitPhrase[count] = p;
      hitEnd[count] = i + 1;
      count++;
      o = outLink[o]!;
    }
  }
  return { count, phrase: hitPhrase, end: hitEnd };
}
