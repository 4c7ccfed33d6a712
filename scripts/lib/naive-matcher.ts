// The baseline the issue compares against: "the naive way = one RegExp per pattern over the same
// normalised text". Each phrase becomes an escaped literal with word boundaries at Latin ends
// (what the engine enforces), an open end `word*` becomes `word\w*`; each rule regex is used as is.
// Every match is found, as the engine finds every hit.
import { normalizePhrase } from '../../src/engine';
import type { Rule } from '../../src/engine/types';

const LATIN_WORD = /[\p{L}\p{N}]/u;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function isLatinWordChar(ch: string | undefined): boolean {
  return ch !== undefined && LATIN_WORD.test(ch) && !CJK.test(ch);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function phraseToRegExp(raw: string): RegExp {
  const trimmed = raw.trim();
  const openEnd = trimmed.endsWith('*');
  const text = normalizePhrase(openEnd ? trimmed.slice(0, -1) : trimmed);
  let source = escapeRegExp(text);
  if (isLatinWordChar(text[0])) source = '\\b' + source;
  if (openEnd) source += '\\w*';
  else if (isLatinWordChar(text[text.length - 1])) source += '\\b';
  return new RegExp(source, 'g');
}

/** One RegExp per pattern of `rules`. */
export function naiveMatcher(rules: readonly Rule[]): RegExp[] {
  const out: RegExp[] = [];
  for (const r of rules) {
    for (const p of r.patterns.phrases ?? []) out.push(phraseToRegExp(p));
    for (const g of r.patterns.near?.groups ?? []) for (const p of g) out.push(phraseToRegExp(p));
    for (const re of r.patterns.regex ?? []) out.push(new RegExp(re, 'g'));
  }
  return out;
}

/** Run every RegExp over `normalized`; returns the number of matches (so the work is not elided). */
export function runNaive(regexes: readonly RegExp[], normalized: string): number {
  let count = 0;
  for (const re of regexes) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(normalized)) !== null) {
      count++;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return count;
}
