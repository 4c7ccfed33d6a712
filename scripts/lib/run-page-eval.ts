// `npm run eval -- --pages manifest.jsonl`: every development page read as the content script
// reads it (visible text, title and page signals; extract-html.ts), scored by the engine, counted
// per label, category and language (issue 9, "How detection work is measured"). The pages are
// evaluation data only: nothing read here is written into the repository.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { analyze } from '../../src/engine';
import type { CompiledRules } from '../../src/engine';
import type { AnalyzeResult, Level, Sensitivity } from '../../src/engine/types';
import type { TextModel } from '../../src/engine/text-model';
import { countLevel, type LevelCounts } from './aggregate-eval';
import { CliError } from './cli-error';
import { decodeBytes } from './decode-bytes';
import { halfOfKey, splitKeyOfPage, type Half } from './dev-halves';
import { extractHtml } from './extract-html';

export interface PageEntry {
  id: string;
  label: string;
  category: string;
  lang: string;
  repo: string;
  path: string;
  note: string;
}

export interface PageGroup extends LevelCounts {
  label: string;
  category: string;
  lang: string;
}

/** Targets of issue 9 for the development pages. */
export const PAGE_SCAM_CAUTION_MIN = 0.85;
export const PAGE_HYIP_CAUTION_MIN = 0.95;
export const PAGE_HYIP_DANGER_MIN = 0.6;
export const PAGE_BENIGN_CAUTION_MAX = 0.01;

export function parsePageManifest(text: string, origin: string): PageEntry[] {
  const pages: PageEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new CliError(`${origin} line ${i + 1}: not valid JSON`);
    }
    for (const key of ['id', 'label', 'category', 'lang', 'repo'] as const) {
      if (typeof v[key] !== 'string' || v[key] === '') throw new CliError(`${origin} line ${i + 1}: "${key}" is missing`);
    }
    if (!/^[A-Za-z0-9._-]+$/.test(v.id as string)) throw new CliError(`${origin} line ${i + 1}: id "${String(v.id)}" is not a plain file name`);
    pages.push({
      id: v.id as string,
      label: v.label as string,
      category: v.category as string,
      lang: v.lang as string,
      repo: v.repo as string,
      path: typeof v.path === 'string' ? v.path : '',
      note: typeof v.note === 'string' ? v.note : '',
    });
  });
  return pages;
}

export interface RunPageEvalOptions {
  sensitivity?: Sensitivity;
  half?: Half | null;
  /** The learned second opinion (src/engine/text-model.ts), or null for the rules alone. */
  model?: TextModel | null;
  onPage?: (page: PageEntry, result: AnalyzeResult, text: string) => void;
}

export interface RunPageEvalResult {
  groups: PageGroup[];
  analysed: number;
  totalMs: number;
}

export async function runPageEval(manifestPath: string, compiled: CompiledRules, options: RunPageEvalOptions = {}): Promise<RunPageEvalResult> {
  const t0 = performance.now();
  let manifest: string;
  try {
    manifest = await readFile(manifestPath, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${manifestPath}: ${(err as Error).message}`);
  }
  const dir = dirname(manifestPath);
  const byKey = new Map<string, PageGroup>();
  let analysed = 0;
  for (const page of parsePageManifest(manifest, manifestPath)) {
    if (options.half && halfOfKey(splitKeyOfPage(page)) !== options.half) continue;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, `${page.id}.html`));
    } catch (err) {
      throw new CliError(`page ${page.id}: ${(err as Error).message}`);
    }
    const extracted = extractHtml(decodeBytes(bytes).text);
    const result = analyze({ text: extracted.text, title: extracted.title, signals: extracted.signals }, compiled, {
      sensitivity: options.sensitivity ?? 'standard',
      model: options.model ?? null,
    });
    analysed++;
    count(byKey, page, result.level);
    options.onPage?.(page, result, extracted.text);
  }
  const groups = [...byKey.values()].sort(
    (a, b) => b.label.localeCompare(a.label) || a.category.localeCompare(b.category) || a.lang.localeCompare(b.lang),
  );
  return { groups, analysed, totalMs: performance.now() - t0 };
}

function count(byKey: Map<string, PageGroup>, page: PageEntry, level: Level): void {
  countLevel(byKey, JSON.stringify([page.label, page.category, page.lang]), () => ({ label: page.label, category: page.category, lang: page.lang, n: 0, caution: 0, danger: 0 }), level);
}

export interface PageTargetRow {
  what: string;
  n: number;
  got: number;
  rate: number;
  target: string;
  pass: boolean;
}

/** The page targets of issue 9 as rows: scam pages per language, HYIP pages, benign pages. */
export function pageTargets(groups: PageGroup[]): PageTargetRow[] {
  const sum = (pick: (g: PageGroup) => boolean, field: 'caution' | 'danger'): [number, number] => {
    let n = 0;
    let k = 0;
    for (const g of groups) if (pick(g)) { n += g.n; k += g[field]; }
    return [n, k];
  };
  const rows: PageTargetRow[] = [];
  const min = (what: string, [n, got]: [number, number], target: number): void => {
    if (n > 0) rows.push({ what, n, got, rate: got / n, target: `≥ ${target * 100}%`, pass: got / n >= target });
  };
  for (const lang of [...new Set(groups.filter((g) => g.label === 'scam').map((g) => g.lang))].sort()) {
    min(`scam pages (${lang}) at caution`, sum((g) => g.label === 'scam' && g.lang === lang, 'caution'), PAGE_SCAM_CAUTION_MIN);
  }
  min('HYIP pages at caution', sum((g) => g.category === 'hyip', 'caution'), PAGE_HYIP_CAUTION_MIN);
  min('HYIP pages at danger', sum((g) => g.category === 'hyip', 'danger'), PAGE_HYIP_DANGER_MIN);
  const [bn, bc] = sum((g) => g.label === 'benign', 'caution');
  if (bn > 0) rows.push({ what: 'benign pages at caution', n: bn, got: bc, rate: bc / bn, target: `≤ ${PAGE_BENIGN_CAUTION_MAX * 100}%`, pass: bc / bn <= PAGE_BENIGN_CAUTION_MAX });
  const [dn, dd] = sum((g) => g.label === 'benign', 'danger');
  if (dn > 0) rows.push({ what: 'benign pages at danger', n: dn, got: dd, rate: dd / dn, target: '0', pass: dd === 0 });
  return rows;
}
