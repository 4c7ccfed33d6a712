// Compiles rules once into one Aho–Corasick automaton over every phrase of every rule (plain
// phrases and the groups of co-occurrence cues), plus the few linear-safe regular expressions.
// Scanning a page is then one pass over its text, whatever the number of patterns (issue 2).
import { regionalVariants } from './regional-variants';
import { normalizePhrase, isWordChar, startsWordAfter, wordChars } from './normalize-text';
import { planRegex } from './plan-regex';
import { checkSafeRegex } from './safe-regex';
import type { Rule } from './types';

export class RuleCompileError extends Error {
  constructor(readonly problems: string[]) {
    super(`rules do not compile:\n- ${problems.join('\n- ')}`);
    this.name = 'RuleCompileError';
  }
}

/**
 * One use of a phrase: a plain phrase of a rule (group -1), a member of group g of its `near`
 * (group ≥ 0), an anchor of regular expression k (group = -2 - 2k) or one of its confirming
 * literals (group = -3 - 2k).
 */
export interface PhraseUse {
  rule: number;
  group: number;
  /** Bit 2: must end at a word boundary; bit 4: open end (`word*`). Starts: see WORD_START. */
  boundary: number;
}

export interface Uses {
  start: Int32Array;
  rule: Int32Array;
  group: Int32Array;
  boundary: Int32Array;
}

/** Flattens per-phrase use lists into the arrays analyze() walks. */
export function flattenUses(lists: PhraseUse[][]): Uses {
  const start = new Int32Array(lists.length + 1);
  let n = 0;
  lists.forEach((list, p) => { start[p] = n; n += list.length; });
  start[lists.length] = n;
  const rule = new Int32Array(n);
  const group = new Int32Array(n);
  const boundary = new Int32Array(n);
  let k = 0;
  for (const list of lists) for (const u of list) { rule[k] = u.rule; group[k] = u.group; boundary[k] = u.boundary; k++; }
  return { start, rule, group, boundary };
}

export interface CompiledRegex {
  rule: number;
  /** For windows: see RegexPlan.windowSources (index: 1 if the window starts the text, + 2 if it ends it). */
  windowRes: [RegExp, RegExp, RegExp, RegExp];
  /** Longest possible match; the regex runs within this distance of its anchors' hits. */
  maxLength: number;
  /** False when the regex has no anchors and scans the whole text. */
  anchored: boolean;
  /** True when an anchor hit needs a confirming literal's hit within maxLength (plan-regex.ts). */
  confirmed: boolean;
}

export interface CompiledRules {
  rules: Rule[];
  /** Per rule: the window of its `near` cue (0 when it has none) and its number of groups. */
  nearWindow: Int32Array;
  nearGroups: Int32Array;
  regexes: CompiledRegex[];
  /** Automaton keys: the normalised phrase, behind WORD_START if it must start a word. */
  phrases: string[];
  /** Length of each phrase in text characters (without WORD_START). */
  phraseLength: Int32Array;
  /** The uses of phrase p are k in [usesStart[p], usesStart[p+1]): flat arrays for the hot loop. */
  uses: Uses;
  automaton: Automaton;
}

/**
 * The rows of the lazily filled DFA, one per state the text has reached, in the order reached.
 * Row r spans pool[r · width .. (r + 1) · width); its column 0 holds its state. Every other entry
 * is 0 until first needed, then (base of the next state's row) · 2, plus 1 if that state has an
 * output: English text then costs one load per character, with no multiplication on the way.
 * Row 0 is unused, so that 0 means "not filled".
 */
export interface LazyDfa {
  pool: Int32Array;
  /** The base of each state's row in pool, or 0 while it has none. */
  rowOf: Int32Array;
  /** Rows in use (row 0 included). */
  rows: number;
  /**
   * Transitions on other characters (Chinese), in a direct-mapped cache of SLOTS slots of four:
   * the row base, the character · 2 + m, the entry as above, unused. A base of 0: empty slot.
   */
  slots: Int32Array;
}

export interface Automaton {
  /** Transition of the root on each UTF-16 unit (0 = stay at root). */
  root: Int32Array;
  /** Sparse transitions of other states: children of s are edgeChar/edgeNext[edgeStart[s] .. edgeStart[s+1]). */
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  edgeNext: Int32Array;
  fail: Int32Array;
  /** The phrase that ends in this state, or -1. */
  output: Int32Array;
  /** The nearest state on the failure chain with an output (0 if none). */
  outLink: Int32Array;
  /** The state itself if it has an output, else its outLink: one load per character in the hot loop. */
  firstOut: Int32Array;
  /** Full transition row of the word-start state (failure links resolved), like `root`. */
  markRow: Int32Array;
  /** Per state, the next state (failure links resolved) on the word-start mark, fed before every word. */
  markNext: Int32Array;
  /**
   * Per UTF-16 unit c: (kind << 2) | wordChars[c]. The kind is 0 if no phrase contains c (every
   * state then goes to the root on it); for ASCII, its column pair in the lazy DFA (1 … dfaWidth/2 - 1);
   * NON_ASCII for any other character that some phrase contains. One load gives both.
   */
  charInfo: Uint16Array;
  /**
   * The lazily filled DFA (see LazyDfa), with a pair of columns per ASCII kind: column
   * kind · 2 + m, where m is 1 if the word-start mark goes before the character. Made on first use.
   */
  dfaWidth: number;
  dfa: LazyDfa | null;
}

/** The state after reading ch in state s, following failure links (compile time; see match-phrases.ts). */
function transition(a: Pick<Automaton, 'root' | 'edgeStart' | 'edgeChar' | 'edgeNext' | 'fail'>, s: number, ch: number): number {
  while (s !== 0) {
    for (let k = a.edgeStart[s]!; k < a.edgeStart[s + 1]!; k++) if (a.edgeChar[k] === ch) return a.edgeNext[k]!;
    s = a.fail[s]!;
  }
  return a.root[ch]!;
}

/** The derived rows of an automaton (not serialized: rebuilt from the edges and failure links). */
export function deriveAutomaton(base: Pick<Automaton, 'edgeStart' | 'edgeChar' | 'edgeNext' | 'fail' | 'output' | 'outLink'>): Automaton {
  const { edgeStart, edgeChar, edgeNext, output, outLink } = base;
  const n = base.fail.length;
  const root = new Int32Array(0x10000);
  for (let k = edgeStart[0]!; k < edgeStart[1]!; k++) root[edgeChar[k]!] = edgeNext[k]!;
  const a = { ...base, root };
  // The word-start state's fail is the root (no phrase has the mark inside a longer prefix at
  // depth 1), so a missing edge resolves to the root's transition.
  const markRow = new Int32Array(root);
  const mark = root[WORD_START]!;
  if (mark !== 0) for (let k = edgeStart[mark]!; k < edgeStart[mark + 1]!; k++) markRow[edgeChar[k]!] = edgeNext[k]!;
  const firstOut = new Int32Array(n);
  const markNext = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (s > 0) firstOut[s] = output[s]! >= 0 ? s : outLink[s]!;
    markNext[s] = transition(a, s, WORD_START);
  }
  const charInfo = new Uint16Array(0x10000);
  let classes = 0;
  for (let k = 0; k < edgeChar.length; k++) {
    const c = edgeChar[k]!;
    if (c === WORD_START || charInfo[c] !== 0) continue;
    charInfo[c] = (c < 128 ? ++classes : NON_ASCII) << 2;
  }
  for (let c = 0; c < 0x10000; c++) charInfo[c] = charInfo[c]! | wordChars[c]!;
  return { ...a, firstOut, markRow, markNext, charInfo, dfaWidth: (classes + 1) * 2, dfa: null };
}

/** The kind (see Automaton.charInfo) of a non-ASCII character that some phrase contains. */
export const NON_ASCII = 255;

/**
 * A phrase that must start a word is stored behind this mark, which the matcher feeds itself at
 * every word start (the normaliser drops control characters, so the page cannot contain it).
 * Inside an English word that starts no phrase, the automaton then stays at its root.
 */
export const WORD_START = 1;
const MARK = String.fromCharCode(WORD_START);

export const MAX_RULES = 5000;
export const MAX_PHRASES_PER_RULE = 400;
export const MAX_PHRASE_LENGTH = 64;
export const MAX_NEAR_WINDOW = 400;
export const MAX_REGEXES_PER_RULE = 8;

function buildAutomaton(phrases: string[]): Automaton {
  // The trie, with one hash map for all edges (key: state · 65536 + character): a map per state
  // would cost tens of thousands of allocations on every page load.
  const edgeMap = new Map<number, number>();
  const from: number[] = [];
  const chars: number[] = [];
  const output: number[] = [-1];
  let n = 1;
  phrases.forEach((p, id) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      const key = s * 0x10000 + c;
      let next = edgeMap.get(key);
      if (next === undefined) {
        next = n++;
        edgeMap.set(key, next);
        from.push(s);
        chars.push(c);
        output.push(-1);
      }
      s = next;
    }
    output[s] = id;
  });

  // Edges sorted by (state, character) into rows: edgeChar/edgeNext[edgeStart[s] .. edgeStart[s+1]).
  const edges = from.length;
  const order = Float64Array.from({ length: edges }, (_, e) => from[e]! * 0x10000 + chars[e]!).sort();
  const edgeStart = new Int32Array(n + 1);
  const edgeChar = new Uint16Array(edges);
  const edgeNext = new Int32Array(edges);
  const root = new Int32Array(0x10000);
  for (let k = 0; k < edges; k++) {
    const key = order[k]!;
    const s = Math.floor(key / 0x10000);
    const c = key - s * 0x10000;
    edgeChar[k] = c;
    edgeNext[k] = edgeMap.get(key)!;
    edgeStart[s + 1]!++;
    if (s === 0) root[c] = edgeNext[k]!;
  }
  for (let s = 0; s < n; s++) edgeStart[s + 1]! += edgeStart[s]!;

  const fail = new Int32Array(n);
  const outLink = new Int32Array(n);
  const step = (s: number, c: number): number => {
    for (;;) {
      if (s === 0) return root[c]!;
      const t = edgeMap.get(s * 0x10000 + c);
      if (t !== undefined) return t;
      s = fail[s]!;
    }
  };
  // Breadth-first: failure links of a state depend on shallower states only.
  const queue = new Int32Array(n);
  let tail = 0;
  for (let k = edgeStart[0]!; k < edgeStart[1]!; k++) queue[tail++] = edgeNext[k]!;
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    const f = fail[s]!;
    outLink[s] = output[f]! >= 0 ? f : outLink[f]!;
    for (let k = edgeStart[s]!; k < edgeStart[s + 1]!; k++) {
      const t = edgeNext[k]!;
      fail[t] = step(f, edgeChar[k]!);
      queue[tail++] = t;
    }
  }
  return deriveAutomaton(breadthFirst(queue, { edgeStart, edgeChar, edgeNext, fail, output: Int32Array.from(output), outLink }));
}

/**
 * The same automaton with its states numbered breadth-first (`order`: every state but the root,
 * in that order). Text keeps the automaton near the root, so the rows it reads most (the lazily
 * filled DFA's included) then lie together in memory instead of all over it.
 */
function breadthFirst(order: Int32Array, a: Pick<Automaton, 'edgeStart' | 'edgeChar' | 'edgeNext' | 'fail' | 'output' | 'outLink'>): Pick<Automaton, 'edgeStart' | 'edgeChar' | 'edgeNext' | 'fail' | 'output' | 'outLink'> {
  const n = a.fail.length;
  const id = new Int32Array(n);
  const old = new Int32Array(n);
  for (let j = 0; j < n - 1; j++) { id[order[j]!] = j + 1; old[j + 1] = order[j]!; }
  const edgeStart = new Int32Array(n + 1);
  const edgeChar = new Uint16Array(a.edgeChar.length);
  const edgeNext = new Int32Array(a.edgeNext.length);
  const fail = new Int32Array(n);
  const output = new Int32Array(n);
  const outLink = new Int32Array(n);
  let e = 0;
  for (let s = 0; s < n; s++) {
    const o = old[s]!;
    edgeStart[s] = e;
    for (let k = a.edgeStart[o]!; k < a.edgeStart[o + 1]!; k++) { edgeChar[e] = a.edgeChar[k]!; edgeNext[e] = id[a.edgeNext[k]!]!; e++; }
    fail[s] = id[a.fail[o]!]!;
    output[s] = a.output[o]!;
    outLink[s] = id[a.outLink[o]!]!;
  }
  edgeStart[n] = e;
  return { edgeStart, edgeChar, edgeNext, fail, output, outLink };
}

/** Phrase as written → normalised phrase and whether a trailing `*` allows any word ending. */
function preparePhrase(raw: string): { text: string; openEnd: boolean } {
  const trimmed = raw.trim();
  const openEnd = trimmed.endsWith('*');
  return { text: normalizePhrase(openEnd ? trimmed.slice(0, -1) : trimmed), openEnd };
}

export function compileRules(rules: Rule[]): CompiledRules {
  const problems: string[] = [];
  if (rules.length > MAX_RULES) problems.push(`${rules.length} rules: at most ${MAX_RULES}`);
  const phraseIndex = new Map<string, number>();
  const phrases: string[] = [];
  const lengths: number[] = [];
  const uses: PhraseUse[][] = [];
  const regexes: CompiledRegex[] = [];
  const nearWindow = new Int32Array(rules.length);
  const nearGroups = new Int32Array(rules.length);
  const ids = new Set<string>();

  const addPhrase = (raw: string, use: Omit<PhraseUse, 'boundary'>, ruleId: string, anchor = false): void => {
    const { text, openEnd } = anchor ? { text: raw, openEnd: true } : preparePhrase(raw);
    if (text.length === 0) { problems.push(`${ruleId}: phrase "${raw}" is empty after normalisation`); return; }
    if (text.length > MAX_PHRASE_LENGTH) { problems.push(`${ruleId}: phrase "${raw}" is longer than ${MAX_PHRASE_LENGTH}`); return; }
    // Anchors that begin with a letter provably begin a word (plan-regex.ts), like whole-word phrases.
    const startsWord = startsWordAfter(0, text.charCodeAt(0));
    const b = anchor ? 0 : (!openEnd && isWordChar(text.charCodeAt(text.length - 1)) ? 2 : 0) | (openEnd ? 4 : 0);
    // The matcher feeds WORD_START before every word that starts in the text, so the key carries
    // it before each word that starts inside the phrase too ("% daily" → "% ␁daily").
    let key = text;
    for (let i = text.length - 1; i > 0; i--) {
      if (startsWordAfter(key.charCodeAt(i - 1), key.charCodeAt(i))) key = key.slice(0, i) + MARK + key.slice(i);
    }
    if (startsWord) key = MARK + key;
    let id = phraseIndex.get(key);
    if (id === undefined) {
      id = phrases.length;
      phraseIndex.set(key, id);
      phrases.push(key);
      lengths.push(text.length);
      uses.push([]);
    }
    uses[id]!.push({ ...use, boundary: b });
  };

  rules.forEach((rule, r) => {
    if (ids.has(rule.id)) problems.push(`${rule.id}: duplicate rule id`);
    ids.add(rule.id);
    const p = rule.patterns;
    const count = (p.phrases?.length ?? 0) + (p.near?.groups.reduce((a, g) => a + g.length, 0) ?? 0);
    if (count > MAX_PHRASES_PER_RULE) problems.push(`${rule.id}: ${count} phrases, at most ${MAX_PHRASES_PER_RULE}`);
    if (!p.phrases?.length && !p.near && !p.regex?.length) problems.push(`${rule.id}: no patterns`);
    // A Chinese phrase also matches in Taiwan's words (储值 for 充值, 门号 for 电话卡 …).
    const withVariants = (phrase: string): string[] => (rule.lang === 'zh' ? [phrase, ...regionalVariants(phrase)] : [phrase]);
    for (const phrase of p.phrases ?? []) for (const v of withVariants(phrase)) addPhrase(v, { rule: r, group: -1 }, rule.id);
    if (p.near) {
      const { groups, window } = p.near;
      if (groups.length < 2) problems.push(`${rule.id}: near needs at least two groups`);
      if (!(window > 0 && window <= MAX_NEAR_WINDOW)) problems.push(`${rule.id}: near window must be 1–${MAX_NEAR_WINDOW}`);
      if (groups.length > 8) problems.push(`${rule.id}: near has more than 8 groups`);
      groups.forEach((g, gi) => {
        if (g.length === 0) problems.push(`${rule.id}: near group ${gi + 1} is empty`);
        for (const phrase of g) for (const v of withVariants(phrase)) addPhrase(v, { rule: r, group: gi }, rule.id);
      });
      nearWindow[r] = window;
      nearGroups[r] = groups.length;
    }
    if ((p.regex?.length ?? 0) > MAX_REGEXES_PER_RULE) problems.push(`${rule.id}: more than ${MAX_REGEXES_PER_RULE} regular expressions`);
    for (const source of p.regex ?? []) {
      const issues = checkSafeRegex(source);
      if (issues.length) { problems.push(...issues.map((i) => `${rule.id}: regex /${source}/: ${i}`)); continue; }
      const plan = planRegex(source);
      const k = regexes.length;
      const windowRes = plan.windowSources.map((w) => new RegExp(w, 'g')) as CompiledRegex['windowRes'];
      regexes.push({ rule: r, windowRes, maxLength: plan.maxLength, anchored: plan.anchors !== null, confirmed: plan.confirm !== null });
      for (const a of plan.anchors ?? []) addPhrase(a, { rule: r, group: -2 - 2 * k }, rule.id, true);
      for (const a of plan.confirm ?? []) addPhrase(a, { rule: r, group: -3 - 2 * k }, rule.id, true);
    }
  });
  if (problems.length) throw new RuleCompileError(problems);

  return {
    rules,
    nearWindow,
    nearGroups,
    regexes,
    phrases,
    phraseLength: Int32Array.from(lengths),
    uses: flattenUses(uses),
    automaton: buildAutomaton(phrases),
  };
}
