// Stream a JSONL corpus one line at a time (readline), so `npm run eval` works on a file of any
// size without holding it in memory. Lines that are not a valid item are skipped and counted.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliError } from './cli-error';

/** One corpus line: `{id, source, lang, label, category, in_scope, text}` (shared/corpora/README.md). */
export interface CorpusItem {
  id: string;
  source: string;
  lang: string;
  label: string;
  category: string;
  in_scope: boolean;
  text: string;
}

export interface CorpusReadStats {
  lines: number;
  blank: number;
  malformed: number;
  /** The first few problems, "line N: reason", for the report. */
  problems: string[];
}

const MAX_PROBLEMS = 5;

/** Why `value` is not a corpus item, or null if it is one. */
export function corpusItemProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  for (const key of ['source', 'lang', 'label', 'category', 'text'] as const) {
    if (typeof v[key] !== 'string') return `"${key}" is missing or not a string`;
  }
  if (typeof v.in_scope !== 'boolean') return '"in_scope" is missing or not true/false';
  if (v.id !== undefined && typeof v.id !== 'string' && typeof v.id !== 'number') return '"id" is not a string';
  return null;
}

export async function* readCorpus(path: string, stats: CorpusReadStats): AsyncGenerator<CorpusItem> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new CliError(`${path} is not a file`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(`no such corpus file: ${path}`);
    if (code === 'EACCES') throw new CliError(`cannot read ${path}: permission denied`);
    throw new CliError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      stats.lines++;
      if (line.trim() === '') {
        stats.blank++;
        continue;
      }
      let value: unknown;
      let problem: string | null;
      try {
        value = JSON.parse(line);
        problem = corpusItemProblem(value);
      } catch {
        problem = 'not valid JSON';
      }
      if (problem !== null) {
        stats.malformed++;
        if (stats.problems.length < MAX_PROBLEMS) stats.problems.push(`line ${stats.lines}: ${problem}`);
        continue;
      }
      const v = value as Record<string, unknown>;
      yield {
        id: v.id === undefined ? `line-${stats.lines}` : String(v.id),
        source: v.source as string,
        lang: v.lang as string,
        label: v.label as string,
        category: v.category as string,
        in_scope: v.in_scope as boolean,
        text: v.text as string,
      };
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`reading ${path} failed at line ${stats.lines + 1}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    lines.close();
  }
}
