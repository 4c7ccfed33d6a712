// Careful verdicts on the Fraud-R1 items (shared/corpora/relabel.jsonl): whether an item really
// is one of our scams (`in_scope`), plausibly one (`in_scope_weak`), another kind of scam, a
// notice that warns about a scam, or has no signal at all. Issue 9 makes the `in_scope` recall the
// headline and the flagged rate of notices a limit, since about a third of Fraud-R1's raw labels
// are wrong for our purpose.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from './cli-error';

export const VERDICTS = ['in_scope', 'in_scope_weak', 'other_scam', 'notice', 'no_signal'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Relabel {
  verdict: Verdict;
  types: string[];
}

export function parseRelabel(text: string, origin: string): Map<string, Relabel> {
  const out = new Map<string, Relabel>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new CliError(`${origin} line ${i + 1}: not valid JSON`);
    }
    const o = v as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || !(VERDICTS as readonly unknown[]).includes(o.verdict)) {
      throw new CliError(`${origin} line ${i + 1}: needs "id" and a "verdict" among ${VERDICTS.join(', ')}`);
    }
    const types = Array.isArray(o.types) ? o.types.filter((t): t is string => typeof t === 'string') : [];
    out.set(o.id, { verdict: o.verdict as Verdict, types });
  }
  return out;
}

/** The relabel file named, or `relabel.jsonl` beside the corpus when it exists; else null. */
export function loadRelabel(corpusPath: string, explicit?: string): Map<string, Relabel> | null {
  const path = explicit ?? join(dirname(corpusPath), 'relabel.jsonl');
  if (!existsSync(path)) {
    if (explicit) throw new CliError(`no such relabel file: ${explicit}`);
    return null;
  }
  return parseRelabel(readFileSync(path, 'utf8'), path);
}
