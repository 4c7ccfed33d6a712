// Only regular expressions whose matching time is linear in the text may run on a page: a rule
// from a compromised feed must not be able to freeze the browser (ReDoS). The grammar allowed is
// deliberately small, so that safety follows from the structure rather than from a heuristic:
// - no back-references, no look-ahead or look-behind, no named groups;
// - every quantifier is bounded ({m,n} with n ≤ 32, or ?): no *, +, {m,}; a quantifier may follow
//   a single character, an escape or a class, never a group;
// - at most 200 characters.
// With bounded quantifiers, the work at each start position is bounded by a constant, so a scan is
// linear in the text. But a constant can still be astronomical: (a{0,30})?(a{0,30})?(a{0,30})?…
// tries 31^k ways. So the compiler also bounds the number of ways a pattern can try to match at
// one position (alternatives × repetition counts, multiplied along the pattern), and rejects
// patterns above MAX_BACKTRACK_PATHS. (Star-height checkers such as safe-regex2 reject nested
// bounded repetitions that are harmless and accept long chains of them that are not.)
import tokenize, { types, type Token } from 'ret';

export const MAX_REGEX_LENGTH = 200;
export const MAX_QUANTIFIER = 32;
export const MAX_BACKTRACK_PATHS = 5_000_000;

type Node = Token | { stack?: Token[]; options?: Token[][] };

/** An upper bound of the ways the pattern can try to match at one start position. */
export function backtrackPaths(node: Node): number {
  if ('type' in node) {
    switch (node.type) {
      case types.CHAR: case types.SET: case types.POSITION: return 1;
      case types.REFERENCE: return Infinity;
      case types.REPETITION: {
        const inner = backtrackPaths(node.value);
        if (node.max === Infinity) return Infinity;
        // Each repetition count is one way; each repeated copy multiplies the inner ways.
        return (node.max - node.min + 1) * inner ** node.max;
      }
      default: break;
    }
  }
  const g = node as { stack?: Token[]; options?: Token[][] };
  const seq = (list: Token[]): number => list.reduce((p, t) => p * backtrackPaths(t), 1);
  return g.options ? g.options.reduce((sum, o) => sum + seq(o), 0) : seq(g.stack ?? []);
}

/** Returns the problems with a pattern (empty when it is safe and valid). */
export function checkSafeRegex(source: string): string[] {
  const problems: string[] = [];
  if (source.length === 0) problems.push('empty regular expression');
  if (source.length > MAX_REGEX_LENGTH) problems.push(`longer than ${MAX_REGEX_LENGTH} characters`);
  try {
    new RegExp(source, 'g');
  } catch (e) {
    problems.push(`does not compile: ${(e as Error).message}`);
    return problems;
  }
  let inClass = false;
  let prevAtom: 'none' | 'char' | 'group' | 'quantified' = 'none';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const d = source[i + 1] ?? '';
      if (/[1-9]/.test(d) || d === 'k') problems.push('back-references are not allowed');
      i++;
      // \uXXXX and \xXX escapes are one atom.
      if (d === 'u') i += 4;
      else if (d === 'x') i += 2;
      prevAtom = 'char';
      continue;
    }
    if (inClass) {
      if (c === ']') { inClass = false; prevAtom = 'char'; }
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        break;
      case '(':
        if (source[i + 1] === '?') {
          const kind = source.slice(i + 1, i + 4);
          if (kind.startsWith('?:')) { i++; break; }
          problems.push('look-around and named groups are not allowed');
        }
        prevAtom = 'none';
        break;
      case ')':
        prevAtom = 'group';
        break;
      case '|':
        prevAtom = 'none';
        break;
      case '*':
      case '+':
        problems.push(`unbounded quantifier "${c}" (use {m,n} with n ≤ ${MAX_QUANTIFIER})`);
        prevAtom = 'quantified';
        break;
      case '?':
        if (prevAtom === 'quantified') problems.push('lazy or possessive quantifiers are not allowed');
        else if (prevAtom === 'none') problems.push('quantifier without an atom');
        prevAtom = 'quantified';
        break;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!m) break; // a literal brace
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
        if (!Number.isFinite(max) || max > MAX_QUANTIFIER) problems.push(`quantifier ${m[0]} exceeds {0,${MAX_QUANTIFIER}}`);
        if (prevAtom === 'group') problems.push(`quantified group ${m[0]}: repeat single characters or classes only`);
        if (prevAtom === 'quantified' || prevAtom === 'none') problems.push(`misplaced quantifier ${m[0]}`);
        i += m[0].length - 1;
        prevAtom = 'quantified';
        break;
      }
      default:
        prevAtom = 'char';
    }
  }
  if (problems.length === 0) {
    const paths = backtrackPaths(tokenize(source));
    if (paths > MAX_BACKTRACK_PATHS) problems.push(`may try ${paths.toExponential(1)} ways to match at one position (at most ${MAX_BACKTRACK_PATHS.toExponential(0)}): fewer or tighter repetitions`);
  }
  return [...new Set(problems)];
}
