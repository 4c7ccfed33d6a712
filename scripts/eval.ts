// npm run eval -- --corpus ../shared/corpora/text_items.jsonl [--out report.json] [--half tune|check]
//                 [--sensitivity LEVEL] [--filter key=value[,value]]… [--misses FILE] [--rules DIR]
// npm run eval -- --pages ../shared/corpora/pages/manifest.jsonl [--half tune|check] [--misses FILE]
//
// Measures the rules on a labelled corpus (issue 2, "What it must reach"): per group how many items
// reach caution and danger, in-scope recall per language and category, and each benign source's
// false-positive rates, each checked against its floor. The corpus is read as a stream, so any
// size works. The corpora are for evaluation only: nothing from them is written into the
// repository (--misses refuses a path inside it).
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { once } from 'node:events';
import type { AnalyzeResult } from '../src/engine/types';
import { BENIGN_CAUTION_MAX, BENIGN_DANGER_MAX, NOTICE_FLAGGED_MAX, summarizeEval, summarizeVerdicts } from './lib/aggregate-eval';
import type { EvalSummary, VerdictSummary } from './lib/aggregate-eval';
import { parseHalf, type Half } from './lib/dev-halves';
import { loadRelabel } from './lib/read-relabel';
import { pageTargets, runPageEval } from './lib/run-page-eval';
import type { PageEntry, RunPageEvalResult } from './lib/run-page-eval';
import { CliError, parseCliArgs, runCli } from './lib/cli-error';
import { isEntryPoint } from './lib/run-main';
import { formatTable, percent } from './lib/format-table';
import { loadCompiledRules } from './lib/load-compiled-rules';
import { parseSensitivity } from './lib/parse-sensitivity';
import { loadTextModel } from './lib/load-text-model';
import type { CorpusItem } from './lib/read-corpus';
import { isInsideRepo } from './lib/repo-paths';
import { parseCorpusFilter, runEval } from './lib/run-eval';
import type { RunEvalResult } from './lib/run-eval';

const USAGE = `usage: npm run eval -- --corpus FILE.jsonl [options]
       npm run eval -- --pages MANIFEST.jsonl [options]
  --pages MANIFEST       score every page of a page manifest as the content script reads it
  --half tune|check      only that half of the development split (scripts/lib/dev-halves.ts)
  --relabel FILE         careful verdicts by item id (default: relabel.jsonl beside the corpus)
  --out FILE             write {"groups": [...], "summary": {...}} as JSON
  --sensitivity LEVEL    relaxed | standard (default) | strict
  --without-model        the rules and claims alone, without the learned second opinion (model/)
  --filter KEY=V[,V]     keep only items whose KEY (source, lang, label, category, in_scope, id)
                         is one of the values; repeatable (all must hold)
  --misses FILE          write in-scope misses and benign false positives with their findings as
                         JSONL, for rule authors; FILE must be outside the repository
  --rules DIR            rule sources (default: rules/)`;

function missRecord(kind: 'miss' | 'false_positive', item: CorpusItem, r: AnalyzeResult): string {
  return JSON.stringify({
    kind,
    id: item.id,
    source: item.source,
    lang: item.lang,
    label: item.label,
    category: item.category,
    level: r.level,
    scores: r.scores,
    aboutFraud: r.aboutFraud,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId,
      type: f.type,
      cue: f.cue,
      weight: f.weight,
      quotes: f.matches.map((m) => m.quote),
    })),
  });
}

const mark = (pass: boolean | null, failure = 'BELOW TARGET'): string => (pass === null ? '' : pass ? 'ok' : failure);

function printVerdicts(out: string[], v: VerdictSummary): void {
  out.push('Careful verdicts (relabel.jsonl): recall at caution on clear in-scope items (target: investment, recruitment ≥ 95%; romance ≥ 85%)');
  out.push(
    formatTable(
      ['lang', 'category', 'n', 'caught', 'recall', 'target', 'status'],
      v.inScope.map((r) => [r.lang, r.category, String(r.n), String(r.caught), percent(r.caught, r.n), `${Math.round((r.target ?? 0) * 100)}%`, mark(r.pass)]),
      new Set(['n', 'caught', 'recall', 'target']),
    ),
  );
  out.push('Weak in-scope items (a caution is fine, silence acceptable): ' + v.weak.map((w) => `${w.lang} ${w.category} ${w.caught}/${w.n}`).join(', '));
  out.push(
    `Notices flagged: ${v.notice.flagged}/${v.notice.n} = ${percent(v.notice.flagged, v.notice.n)} ` +
      `(limit ${NOTICE_FLAGGED_MAX * 100}%: ${v.notice.pass ? 'ok' : 'OVER LIMIT'})`,
  );
  out.push('');
}

function printReport(run: RunEvalResult, summary: EvalSummary, verdicts: VerdictSummary | null, filtered: boolean): void {
  const out: string[] = [];
  if (verdicts) printVerdicts(out, verdicts);
  out.push(
    formatTable(
      ['source', 'lang', 'label', 'category', 'in_scope', 'n', 'caution', '%', 'danger', '% '],
      run.groups.map((g) => [
        g.source,
        g.lang,
        g.label,
        g.category,
        String(g.in_scope),
        String(g.n),
        String(g.caution),
        percent(g.caution, g.n),
        String(g.danger),
        percent(g.danger, g.n),
      ]),
      new Set(['n', 'caution', '%', 'danger', '% ']),
    ),
  );
  out.push('');
  out.push('In-scope recall at caution or above on the raw labels (target: investment, recruitment, crypto ≥ 90%; romance ≥ 80%)');
  out.push(
    formatTable(
      ['lang', 'category', 'n', 'caught', 'recall', 'target', 'status'],
      summary.recall.map((r) => [
        r.lang,
        r.category,
        String(r.n),
        String(r.caught),
        percent(r.caught, r.n),
        r.target === null ? '-' : `${Math.round(r.target * 100)}%`,
        mark(r.pass),
      ]),
      new Set(['n', 'caught', 'recall', 'target']),
    ),
  );
  out.push(`Overall in-scope recall: ${summary.inScope.caught}/${summary.inScope.n} = ${percent(summary.inScope.caught, summary.inScope.n)}`);
  out.push('');
  out.push(`Benign items flagged, per source (target: caution ≤ ${BENIGN_CAUTION_MAX * 100}%, danger ≤ ${BENIGN_DANGER_MAX * 100}%)`);
  out.push(
    formatTable(
      ['source', 'n', 'caution', 'caution %', 'danger', 'danger %', 'status'],
      summary.benign.map((b) => [
        b.source,
        String(b.n),
        String(b.caution),
        percent(b.caution, b.n, 2),
        String(b.danger),
        percent(b.danger, b.n, 2),
        mark(b.pass, 'OVER LIMIT'),
      ]),
      new Set(['n', 'caution', 'caution %', 'danger', 'danger %']),
    ),
  );
  const bo = summary.benignOverall;
  out.push(`Overall benign: caution ${bo.caution}/${bo.n} = ${percent(bo.caution, bo.n, 2)}, danger ${bo.danger}/${bo.n} = ${percent(bo.danger, bo.n, 2)}`);
  if (summary.seeds) {
    out.push(`Seed articles flagged: ${summary.seeds.flagged}/${summary.seeds.n} (${summary.seeds.pass ? 'ok' : 'MUST BE 0'})`);
  }
  out.push('');
  const failing =
    (verdicts ? verdicts.inScope.filter((r) => !r.pass).length + (verdicts.notice.pass ? 0 : 1) : 0) +
    summary.recall.filter((r) => r.pass === false).length +
    summary.benign.filter((b) => !b.pass).length +
    (summary.seeds && !summary.seeds.pass ? 1 : 0);
  const scope = filtered ? ' (on the filtered items only)' : '';
  out.push(failing === 0 ? `All targets met${scope}.` : `Targets missed${scope}: ${failing}.`);
  const mb = run.textChars / 1e6;
  out.push(
    `${run.analysed} items analysed (${run.stats.lines} lines, ${run.stats.malformed} malformed skipped, ` +
      `${run.filteredOut} filtered out); ${(run.totalMs / 1000).toFixed(1)} s total, ` +
      `${(run.analyzeMs / 1000).toFixed(1)} s in analyze() for ${mb.toFixed(1)} M characters`,
  );
  for (const p of run.stats.problems) out.push(`  malformed: ${p}`);
  process.stdout.write(out.join('\n') + '\n');
}

async function openMisses(path: string | undefined): Promise<WriteStream | null> {
  if (!path) return null;
  if (isInsideRepo(path)) throw new CliError(`--misses ${path} is inside the repository; corpus-derived output must stay outside it`);
  const stream = createWriteStream(resolve(path), { encoding: 'utf8' });
  await Promise.race([
    once(stream, 'open'),
    once(stream, 'error').then(([err]) => {
      throw new CliError(`cannot write ${path}: ${(err as Error).message}`);
    }),
  ]);
  return stream;
}

async function closeMisses(stream: WriteStream | null, count: number, path: string | undefined): Promise<void> {
  if (!stream) return;
  stream.end();
  await once(stream, 'finish');
  process.stdout.write(`${count} misses and false positives written to ${resolve(path ?? '')}\n`);
}

async function writeReport(path: string | undefined, report: object): Promise<void> {
  if (!path) return;
  try {
    await writeFile(path, JSON.stringify(report, null, 2) + '\n');
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.stdout.write(`Report written to ${resolve(path)}\n`);
}

function printPageReport(run: RunPageEvalResult, half: Half | null): void {
  const out: string[] = [];
  out.push(`Development pages${half ? ` (${half} half)` : ''}, read as the content script reads them`);
  out.push(
    formatTable(
      ['label', 'category', 'lang', 'n', 'caution', '%', 'danger', '% '],
      run.groups.map((g) => [g.label, g.category, g.lang, String(g.n), String(g.caution), percent(g.caution, g.n), String(g.danger), percent(g.danger, g.n)]),
      new Set(['n', 'caution', '%', 'danger', '% ']),
    ),
  );
  out.push('');
  const targets = pageTargets(run.groups);
  out.push(
    formatTable(
      ['target', 'n', 'got', '%', 'limit', 'status'],
      targets.map((t) => [t.what, String(t.n), String(t.got), percent(t.got, t.n), t.target, mark(t.pass, 'MISSED')]),
      new Set(['n', 'got', '%']),
    ),
  );
  const failing = targets.filter((t) => !t.pass).length;
  out.push(failing === 0 ? 'All page targets met.' : `Page targets missed: ${failing}.`);
  out.push(`${run.analysed} pages analysed in ${(run.totalMs / 1000).toFixed(1)} s`);
  process.stdout.write(out.join('\n') + '\n');
}

async function evalPages(manifest: string, values: { sensitivity?: string; misses?: string; rules?: string; out?: string; 'without-model'?: boolean }, half: Half | null): Promise<void> {
  const sensitivity = parseSensitivity(values.sensitivity);
  const misses = await openMisses(values.misses);
  const { compiled } = loadCompiledRules(values.rules);
  let missCount = 0;
  const run = await runPageEval(resolve(manifest), compiled, {
    sensitivity,
    model: values['without-model'] ? null : loadTextModel(),
    half,
    onPage: (page: PageEntry, result: AnalyzeResult) => {
      const kind = page.label === 'scam' && result.level === 'none' ? 'miss' : page.label === 'benign' && result.level !== 'none' ? 'false_positive' : null;
      if (!misses || kind === null) return;
      missCount++;
      misses.write(missRecord(kind, { ...page, source: `page:${page.repo}`, in_scope: page.label === 'scam', text: '' }, result) + '\n');
    },
  });
  await closeMisses(misses, missCount, values.misses);
  if (run.analysed === 0) throw new CliError(`no pages analysed from ${manifest}`);
  printPageReport(run, half);
  await writeReport(values.out, { pages: run.groups, targets: pageTargets(run.groups), meta: { manifest: resolve(manifest), sensitivity, half, analysed: run.analysed } });
}

export async function main(): Promise<void> {
  const parsed = parseCliArgs({
    options: {
      corpus: { type: 'string' },
      pages: { type: 'string' },
      half: { type: 'string' },
      relabel: { type: 'string' },
      out: { type: 'string' },
      sensitivity: { type: 'string' },
      'without-model': { type: 'boolean', default: false },
      filter: { type: 'string', multiple: true },
      misses: { type: 'string' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, USAGE);
  if (!parsed) return;
  const { values } = parsed;
  let half: Half | null;
  try {
    half = parseHalf(values.half);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (values.pages) {
    if (values.corpus) throw new CliError(`give --corpus or --pages, not both\n${USAGE}`);
    await evalPages(values.pages, values, half);
    return;
  }
  if (!values.corpus) throw new CliError(`--corpus or --pages is required\n${USAGE}`);
  const sensitivity = parseSensitivity(values.sensitivity);
  const filters = (values.filter ?? []).map(parseCorpusFilter);
  const misses = await openMisses(values.misses);
  const relabel = loadRelabel(resolve(values.corpus), values.relabel);
  const { compiled } = loadCompiledRules(values.rules);
  let missCount = 0;
  const progress = process.stderr.isTTY
    ? (n: number): void => {
        process.stderr.write(`\r${n} items…`);
      }
    : undefined;

  const run = await runEval(resolve(values.corpus), compiled, {
    sensitivity,
    model: values['without-model'] ? null : loadTextModel(),
    filters,
    half,
    relabel,
    onProgress: progress,
    onItem: misses
      ? async (item, result) => {
          const verdict = relabel?.get(item.id)?.verdict;
          const wanted = verdict ? verdict === 'in_scope' : item.in_scope;
          const kind =
            wanted && result.level === 'none'
              ? 'miss'
              : (item.label === 'benign' || verdict === 'notice') && result.level !== 'none'
                ? 'false_positive'
                : null;
          if (kind === null || !misses) return;
          missCount++;
          if (!misses.write(missRecord(kind, item, result) + '\n')) await once(misses, 'drain');
        }
      : undefined,
  });
  if (progress) process.stderr.write('\r');
  await closeMisses(misses, missCount, values.misses);
  if (run.analysed === 0) {
    throw new CliError(
      `no items analysed from ${values.corpus} (${run.stats.lines} lines, ${run.stats.malformed} malformed, ${run.filteredOut} filtered out)`,
    );
  }
  const summary = summarizeEval(run.groups);
  const verdicts = relabel ? summarizeVerdicts(run.verdicts) : null;
  printReport(run, summary, verdicts, filters.length > 0 || half !== null);
  await writeReport(values.out, {
    groups: run.groups,
    summary,
    verdicts: verdicts ? { groups: run.verdicts, summary: verdicts } : null,
    meta: {
      corpus: resolve(values.corpus),
      sensitivity,
      half,
      filters: filters.map((f) => `${f.key}=${[...f.values].join(',')}`),
      lines: run.stats.lines,
      malformed: run.stats.malformed,
      analysed: run.analysed,
      seconds: Number((run.totalMs / 1000).toFixed(2)),
    },
  });
}

if (isEntryPoint(import.meta.url)) runCli(main);
