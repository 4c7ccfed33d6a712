// Plans how a rule's regular expression runs without a pass of its own over the whole page.
// The safe grammar (safe-regex.ts) bounds every quantifier, so every match has a maximum length L.
// If every match must contain one of a set of literal strings (its "anchors": `%` in `\d{1,3}%`,
// one of earn|make|profit in `(earn|make|profit) \$\d{1,4}`), the automaton that already scans the
// page for phrases finds the anchors, and the regex runs only on the text within L characters of
// each anchor. Same matches, a fraction of the work: the page is read once, whatever the number
// of regular expressions.
import tokenize, { types, type Token } from 'ret';

export interface RegexPlan {
  /** Literals one of which every match contains, or null: the regex then scans the whole text. */
  anchors: string[] | null;
  /** Upper bound of a match's length in UTF-16 units (Infinity if unbounded). */
  maxLength: number;
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

/** The best set of literals one of which every match of `seq` contains, or null. */
function seqAnchors(seq: Token[]): string[] | null {
  const candidates: string[][] = [];
  let run = '';
  const flush = (): void => {
    if (run) candidates.push([run]);
    run = '';
  };
  for (const t of seq) {
    if (t.type === types.CHAR) { run += String.fromCodePoint(t.value); continue; }
    flush();
    if (t.type === types.GROUP && !t.followedBy && !t.notFollowedBy) {
      const a = groupAnchors(t);
      if (a) candidates.push(a);
    } else if (t.type === types.REPETITION && t.min >= 1) {
      const a = seqAnchors([t.value]);
      if (a) candidates.push(a);
    }
  }
  flush();
  let best: string[] | null = null;
  const quality = (a: string[]): number => Math.min(...a.map((s) => s.length)) * 100 - a.length;
  for (const c of candidates) if (!best || quality(c) > quality(best)) best = c;
  return best;
}

function groupAnchors(g: { stack?: Token[]; options?: Token[][] }): string[] | null {
  if (!g.options) return seqAnchors(g.stack ?? []);
  const all: string[] = [];
  for (const option of g.options) {
    const a = seqAnchors(option);
    if (!a) return null;
    all.push(...a);
  }
  return [...new Set(all)];
}

function hasPosition(tok: Token | { stack?: Token[]; options?: Token[][] }): boolean {
  if ('type' in tok) {
    if (tok.type === types.POSITION) return true;
    if (tok.type === types.REPETITION) return hasPosition(tok.value);
    if (tok.type !== types.GROUP && (tok.type as number) !== types.ROOT) return false;
  }
  const g = tok as { stack?: Token[]; options?: Token[][] };
  return (g.options ?? [g.stack ?? []]).some((seq) => seq.some(hasPosition));
}

export function planRegex(source: string): RegexPlan {
  const root = tokenize(source);
  const length = maxLength(root);
  // Anchors (^ $ \b) would read the edges of a window as the edges of the text: scan those whole.
  if (!Number.isFinite(length) || hasPosition(root)) return { anchors: null, maxLength: length };
  return { anchors: groupAnchors(root), maxLength: length };
}
