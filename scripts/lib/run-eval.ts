// The loop of `npm run eval`: stream the corpus, analyse each item's text with the compiled rules,
// count per group. Kept apart from the command so a test can run it on a tiny corpus.
import { analyze } from '../../src/engine';
import type { CompiledRules } from '../../src/engine';
import type { AnalyzeResult, Sensitivity } from '../../src/engine/types';
import type { TextModel } from '../../src/engine/text-model';
import { EvalAggregator, VerdictAggregator } from './aggregate-eval';
import type { EvalGroup, VerdictGroup } from './aggregate-eval';
import { halfOfKey, splitKeyOfItem, type Half } from './dev-halves';
import type { Relabel } from './read-relabel';
import { CliError } from './cli-error';
import { readCorpus } from './read-corpus';
import type { CorpusItem, CorpusReadStats } from './read-corpus';

export const FILTER_KEYS = ['id', 'source', 'lang', 'label', 'category', 'in_scope'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** `--filter key=value[,value…]`: keep items whose field is one of the values. */
export interface CorpusFilter {
  key: FilterKey;
  values: Set<string>;
}

export function parseCorpusFilter(spec: string): CorpusFilter {
  const eq = spec.indexOf('=');
  const key = spec.slice(0, eq).trim();
  if (eq < 1 || !(FILTER_KEYS as readonly string[]).includes(key)) {
    throw new CliError(`--filter must look like KEY=VALUE with KEY one of ${FILTER_KEYS.join(', ')}; got "${spec}"`);
  }
  const values = new Set(spec.slice(eq + 1).split(',').map((v) => v.trim()).filter((v) => v !== ''));
  if (values.size === 0) throw new CliError(`--filter ${key}= needs a value`);
  return { key: key as FilterKey, values };
}

function passes(item: CorpusItem, filters: CorpusFilter[]): boolean {
  return filters.every((f) => f.values.has(String(item[f.key])));
}

export interface RunEvalOptions {
  sensitivity?: Sensitivity;
  /** The learned second opinion (src/engine/text-model.ts), or null for the rules alone. */
  model?: TextModel | null;
  filters?: CorpusFilter[];
  /** Only the items of this half of the development split (dev-halves.ts). */
  half?: Half | null;
  /** Careful verdicts by item id: their items are also counted per verdict. */
  relabel?: Map<string, Relabel> | null;
  /** Called with every analysed item (used to write misses). */
  onItem?: (item: CorpusItem, result: AnalyzeResult) => void | Promise<void>;
  /** Called every `progressEvery` items. */
  onProgress?: (analysed: number) => void;
  progressEvery?: number;
}

export interface RunEvalResult {
  groups: EvalGroup[];
  /** Per (language, category, verdict), for the items the relabel file judged. */
  verdicts: VerdictGroup[];
  stats: CorpusReadStats;
  analysed: number;
  filteredOut: number;
  textChars: number;
  /** Time spent inside analyze(), ms. */
  analyzeMs: number;
  /** Wall time of the whole run, ms. */
  totalMs: number;
}

export async function runEval(path: string, compiled: CompiledRules, options: RunEvalOptions = {}): Promise<RunEvalResult> {
  const t0 = performance.now();
  const stats: CorpusReadStats = { lines: 0, blank: 0, malformed: 0, problems: [] };
  const agg = new EvalAggregator();
  const verdicts = new VerdictAggregator();
  const half = options.half ?? null;
  const filters = options.filters ?? [];
  const every = options.progressEvery ?? 2000;
  let analysed = 0;
  let filteredOut = 0;
  let textChars = 0;
  let analyzeMs = 0;
  for await (const item of readCorpus(path, stats)) {
    if (!passes(item, filters) || (half !== null && halfOfKey(splitKeyOfItem(item)) !== half)) {
      filteredOut++;
      continue;
    }
    const a = performance.now();
    const result = analyze({ text: item.text }, compiled, { sensitivity: options.sensitivity ?? 'standard', model: options.model ?? null });
    analyzeMs += performance.now() - a;
    agg.add(item, result.level);
    const relabel = options.relabel?.get(item.id);
    if (relabel) verdicts.add(item, relabel.verdict, result.level);
    analysed++;
    textChars += item.text.length;
    if (options.onItem) await options.onItem(item, result);
    if (options.onProgress && analysed % every === 0) options.onProgress(analysed);
  }
  return { groups: agg.groups(), verdicts: verdicts.groups(), stats, analysed, filteredOut, textChars, analyzeMs, totalMs: performance.now() - t0 };
}
