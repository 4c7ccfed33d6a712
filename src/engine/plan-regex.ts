// Plans how a rule's regular expression runs without a pass of its own over the whole page.
// The safe grammar (safe-regex.ts) bounds every quantifier, so every match has a maximum length L.
// If every match must contain one of a set of literal strings (its "anchors": `%` in `\d{1,3}%`,
// one of earn|make|profit in `(earn|make|profit) \$\d{1,4}`), the automaton that already scans the
// page for phrases finds the anchors, and the regex runs only on the text within L characters of
// each anchor. Same matches, a fraction of the work: the page is read once, whatever the number
// of regular expressions.
import tokenize, { types, type Token } from 'ret';
import { isWordChar, wordChars } from './normalize-text';

export interface RegexPlan {
  /** Literals one of which every match contains, or null: the regex then scans the whole text. */
  anchors: string[] | null;
  /**
   * A second such set from another part of the pattern, or null. A hit of `anchors` only opens
   * a window if a hit of this set lies within maxLength of it: common anchor words ("account",
   * "members") then cost nothing where the rest of the pattern cannot be.
   */
  confirm: string[] | null;
  /** Upper bound of a match's length in UTF-16 units (Infinity if unbounded). */
  maxLength: number;
  /**
   * The pattern for a window that does not start at the text's start (`^` can never match there)
   * and for one that does not reach its end (`$` never matches): [neither edge, start only, end
   * only, both]. A window is a slice, and in a slice `^` would otherwise match at the cut.
   */
  windowSources: [string, string, string, string];
}

/** `source` with each `^` or `$` assertion (not inside a class, not escaped) replaced by a never-match. */
export function withoutAssertion(source: string, which: '^' | '$'): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') { out += c + (source[i + 1] ?? ''); i++; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; if (source[i + 1] === '^') { out += '^'; i++; } continue; }
    out += c === which ? '(?!)' : c;
  }
  return out;
}

const ASTRAL_SAFE_CLASS_LENGTH = 2;

function maxLength(tok: Token | { stack?: Token[]; options?: Token[][] }): number {
  if ('type' in tok) {
    switch (tok.type) {
      case types.CHAR: return tok.value > 0xffff ? 2 : 1;
      case types.SET: return ASTRAL_SAFE_CLASS_LENGTH;
      case types.POSITION: return 0;
      case types.REFERENCE: return Infinity;
      case types.REPETITION: return tok.max === Infinity ? Infinity : tok.max * maxLength(tok.value);
      default: break;
    }
  }
  const g = tok as { stack?: Token[]; options?: Token[][] };
  if (g.options) return Math.max(...g.options.map((seq) => seqMax(seq)));
  return seqMax(g.stack ?? []);
}

function seqMax(seq: Token[]): number {
  let n = 0;
  for (const t of seq) n += maxLength(t);
  return n;
}

const isWordCode = (c: number | undefined): boolean => c !== undefined && isWordChar(c);

/**
 * Whether every match of `seq` begins with a word character (a letter or digit). Such regexes only
 * match at the start of a word (the compiler adds the boundary): "earn" is not inside "learn".
 */
function startsWithWord(seq: Token[]): boolean {
  const first = seq[0];
  if (!first) return false;
  if (first.type === types.CHAR) return isWordCode(first.value);
  if (first.type === types.REPETITION) return first.min >= 1 && startsWithWord([first.value]);
  if (first.type === types.GROUP && !first.followedBy && !first.notFollowedBy && !first.lookBehind) {
    return first.options ? first.options.every(startsWithWord) : startsWithWord(first.stack ?? []);
  }
  return false;
}

/** The word class (wordChars: 2 letter, 1 digit, 0 other) of a code point. */
const classOf = (c: number): number => (c < 0x10000 ? wordChars[c]! : 0);

type SetMember = { type: number; value?: number; from?: number; to?: number; set?: SetMember[]; not?: boolean };

/** The highest word class a member of a character class can have. */
function setBound(set: SetMember[], not: boolean): number {
  if (not) return 2;
  let b = 0;
  for (const m of set) {
    if (m.type === types.CHAR) b = Math.max(b, classOf(m.value!));
    else if (m.type === types.RANGE) {
      if (m.to! - m.from! > 0x300) return 2;
      for (let c = m.from!; c <= m.to!; c++) b = Math.max(b, classOf(c));
    } else if (m.type === types.SET) b = Math.max(b, setBound(m.set ?? [], m.not ?? false));
    else return 2;
    if (b === 2) return 2;
  }
  return b;
}

/** [highest word class of the last character `t` can match, whether `t` can match nothing]. */
function lastBound(t: Token): [number, boolean] {
  switch (t.type) {
    case types.CHAR: return [classOf(t.value), false];
    case types.SET: return [setBound(t.set as SetMember[], t.not), false];
    case types.POSITION: return [0, true];
    case types.REPETITION: {
      const [b, empty] = lastBound(t.value);
      return [b, empty || t.min === 0];
    }
    case types.GROUP: {
      if (t.followedBy || t.notFollowedBy || t.lookBehind) return [0, true];
      let b = 0;
      let empty = false;
      for (const option of t.options ?? [t.stack ?? []]) {
        const [ob, oe] = seqBound(option, option.length, 0, true);
        b = Math.max(b, ob);
        empty ||= oe;
      }
      return [b, empty];
    }
    default: return [2, false];
  }
}

/**
 * The highest word class the character just before seq[idx] can have, and whether seq[0..idx)
 * can be empty (then `outer`, the bound before the sequence, applies as well).
 */
function seqBound(seq: Token[], idx: number, outer: number, reportEmpty = false): [number, boolean] {
  let b = 0;
  for (let j = idx - 1; j >= 0; j--) {
    const [tb, empty] = lastBound(seq[j]!);
    b = Math.max(b, tb);
    if (!empty) return [b, false];
  }
  return [reportEmpty ? b : Math.max(b, outer), true];
}

/**
 * The best set of literals one of which every match of `seq` contains, or null. A literal that
 * begins with a letter (digit) is only usable if the character before it is provably not a letter
 * (not a letter or digit): then the text has a word-start mark there, the automaton finds the
 * literal behind it, and mid-word letters never wake the automaton (match-phrases.ts). Otherwise
 * the literal is cut to start at its first non-letter (" daily" of "x daily"). `outer` is the
 * highest word class of the character before the sequence (2 when unknown).
 */
function seqAnchors(seq: Token[], outer: number, ranked?: string[][]): string[] | null {
  const candidates: string[][] = [];
  let run = '';
  let runBound = 2;
  const flush = (): void => {
    let literal = run;
    if (literal && classOf(literal.charCodeAt(0)) > 0 && runBound >= classOf(literal.charCodeAt(0))) {
      const cut = [...literal].findIndex((ch) => !isWordCode(ch.charCodeAt(0)));
      literal = cut < 0 ? '' : literal.slice(cut);
    }
    // A leading space would put every space of the page into the automaton; what follows a space
    // starts a word, which the automaton marks anyway (" daily" → "daily" at a word start).
    if (/^\s+[a-z0-9]/.test(literal)) literal = literal.trimStart();
    // Whitespace alone is everywhere: no use as an anchor.
    if (literal.trim()) candidates.push([literal]);
    run = '';
  };
  seq.forEach((t, idx) => {
    if (t.type === types.CHAR) {
      if (!run) runBound = seqBound(seq, idx, outer)[0];
      run += String.fromCodePoint(t.value);
      return;
    }
    flush();
    const before = seqBound(seq, idx, outer)[0];
    if (t.type === types.GROUP && !t.followedBy && !t.notFollowedBy && !t.lookBehind) {
      const a = groupAnchors(t, before);
      if (a) candidates.push(a);
    } else if (t.type === types.REPETITION && t.min >= 1) {
      const a = seqAnchors([t.value], before);
      if (a) candidates.push(a);
    }
  });
  flush();
  let best: string[] | null = null;
  // A single letter ("a") is nearly everywhere in English: such a set is no filter at all.
  const usable = (a: string[]): boolean => a.every((x) => x.length > 1 || !isWordCode(x.charCodeAt(0)));
  const quality = (a: string[]): number => Math.min(...a.map((x) => x.length)) * 100 - a.length;
  for (const c of candidates) if (usable(c) && (!best || quality(c) > quality(best))) best = c;
  if (ranked) ranked.push(...candidates.filter(usable).sort((a, b) => quality(b) - quality(a)));
  return best;
}

function groupAnchors(g: { stack?: Token[]; options?: Token[][] }, outer: number): string[] | null {
  if (!g.options) return seqAnchors(g.stack ?? [], outer);
  const all: string[] = [];
  for (const option of g.options) {
    const a = seqAnchors(option, outer);
    if (!a) return null;
    all.push(...a);
  }
  return [...new Set(all)];
}

/** Whether the pattern has a word-boundary assertion (\\b, \\B), which a window edge would misread. */
function hasWordBoundary(tok: Token | { stack?: Token[]; options?: Token[][] }): boolean {
  if ('type' in tok) {
    if (tok.type === types.POSITION) return tok.value === 'b' || tok.value === 'B';
    if (tok.type === types.REPETITION) return hasWordBoundary(tok.value);
    if (tok.type !== types.GROUP && (tok.type as number) !== types.ROOT) return false;
  }
  const g = tok as { stack?: Token[]; options?: Token[][] };
  return (g.options ?? [g.stack ?? []]).some((seq) => seq.some(hasWordBoundary));
}

/** Not preceded by a word character: what the compiler puts before a regex that starts with one. */
export const WORD_START_LOOKBEHIND = '(?<![a-z0-9\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f])';

export function planRegex(source: string): RegexPlan {
  const root = tokenize(source);
  const length = maxLength(root);
  const rootSeqs = root.options ?? [root.stack ?? []];
  const atWordStart = rootSeqs.every(startsWithWord);
  const full = atWordStart ? `${WORD_START_LOOKBEHIND}(?:${source})` : source;
  const noStart = withoutAssertion(full, '^');
  const windowSources: RegexPlan['windowSources'] = [withoutAssertion(noStart, '$'), withoutAssertion(full, '$'), noStart, full];
  // \b at a window's edge cannot see the character beyond it: such patterns scan the whole text.
  if (!Number.isFinite(length) || hasWordBoundary(root)) return { anchors: null, confirm: null, maxLength: length, windowSources };
  // With the word-start look-behind, the character before a match is never a letter or digit.
  const outer = atWordStart ? 0 : 2;
  if (root.options) return { anchors: groupAnchors(root, outer), confirm: null, maxLength: length, windowSources };
  // One sequence: every candidate set is necessary; the best anchors, the next confirms.
  const ranked: string[][] = [];
  const anchors = seqAnchors(root.stack ?? [], outer, ranked);
  const confirm = ranked.find((set) => set !== anchors && set.some((x) => !anchors?.includes(x))) ?? null;
  return { anchors, confirm: anchors ? confirm : null, maxLength: length, windowSources };
}
