// npm run eval -- --corpus ../shared/corpora/text_items.jsonl [--out report.json]
//                 [--sensitivity LEVEL] [--filter key=value[,value]]… [--misses FILE] [--rules DIR]
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
import { BENIGN_CAUTION_MAX, BENIGN_DANGER_MAX, summarizeEval } from './lib/aggregate-eval';
import type { EvalSummary } from './lib/aggregate-eval';
import { CliError, parseCliArgs, runCli } from './lib/cli-error';
import { isEntryPoint } from './lib/run-main';
import { formatTable, percent } from './lib/format-table';
import { loadCompiledRules } from './lib/load-compiled-rules';
import { parseSensitivity } from './lib/parse-sensitivity';
import type { CorpusItem } from './lib/read-corpus';
import { isInsideRepo } from './lib/repo-paths';
import { parseCorpusFilter, runEval } from './lib/run-eval';
import type { RunEvalResult } from './lib/run-eval';

const USAGE = `usage: npm run eval -- --corpus FILE.jsonl [options]
  --out FILE             write {"groups": [...], "summary": {...}} as JSON
  --sensitivity LEVEL    relaxed | standard (default) | strict
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

function printReport(run: RunEvalResult, summary: EvalSummary, filtered: boolean): void {
  const out: string[] = [];
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
  out.push('In-scope recall at caution or above (target: investment, recruitment, crypto ≥ 90%; romance ≥ 80%)');
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
    summary.recall.filter((r) => r.pass === false).length +
    summary.benign.filter((b) => !b.pass).length +
    (summary.seeds && !summary.seeds.pass ? 1 : 0);
  const scope = filtered ? ' (on the filtered items only)' : '';
  out.push(summary.allTargetsMet ? `All targets met${scope}.` : `Targets missed${scope}: ${failing}.`);
  const mb = run.textChars / 1e6;
  out.push(
    `${run.analysed} items analysed (${run.stats.lines} lines, ${run.stats.malformed} malformed skipped, ` +
      `${run.filteredOut} filtered out); ${(run.totalMs / 1000).toFixed(1)} s total, ` +
      `${(run.analyzeMs / 1000).toFixed(1)} s in analyze() for ${mb.toFixed(1)} M characters`,
  );
  for (const p of run.stats.problems) out.push(`  malformed: ${p}`);
  process.stdout.write(out.join('\n') + '\n');
}

export async function main(): Promise<void> {
  const parsed = parseCliArgs({
    options: {
      corpus: { type: 'string' },
      out: { type: 'string' },
      sensitivity: { type: 'string' },
      filter: { type: 'string', multiple: true },
      misses: { type: 'string' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, USAGE);
  if (!parsed) return;
  const { values } = parsed;
  if (!values.corpus) throw new CliError(`--corpus is required\n${USAGE}`);
  const sensitivity = parseSensitivity(values.sensitivity);
  const filters = (values.filter ?? []).map(parseCorpusFilter);
  if (values.misses && isInsideRepo(values.misses)) {
    throw new CliError(`--misses ${values.misses} is inside the repository; corpus-derived output must stay outside it`);
  }
  const { compiled } = loadCompiledRules(values.rules);

  let misses: WriteStream | null = null;
  let missCount = 0;
  if (values.misses) {
    misses = createWriteStream(resolve(values.misses), { encoding: 'utf8' });
    await Promise.race([
      once(misses, 'open'),
      once(misses, 'error').then(([err]) => {
        throw new CliError(`cannot write ${values.misses}: ${(err as Error).message}`);
      }),
    ]);
  }
  const progress = process.stderr.isTTY
    ? (n: number): void => {
        process.stderr.write(`\r${n} items…`);
      }
    : undefined;

  const run = await runEval(resolve(values.corpus), compiled, {
    sensitivity,
    filters,
    onProgress: progress,
    onItem: misses
      ? async (item, result) => {
          const kind =
            item.in_scope && result.level === 'none'
              ? 'miss'
              : item.label === 'benign' && result.level !== 'none'
                ? 'false_positive'
                : null;
          if (kind === null || !misses) return;
          missCount++;
          if (!misses.write(missRecord(kind, item, result) + '\n')) await once(misses, 'drain');
        }
      : undefined,
  });
  if (progress) process.stderr.write('\r');
  if (misses) {
    misses.end();
    await once(misses, 'finish');
  }
  if (run.analysed === 0) {
    throw new CliError(
      `no items analysed from ${values.corpus} (${run.stats.lines} lines, ${run.stats.malformed} malformed, ${run.filteredOut} filtered out)`,
    );
  }
  const summary = summarizeEval(run.groups);
  printReport(run, summary, filters.length > 0);
  if (misses) process.stdout.write(`${missCount} misses and false positives written to ${resolve(values.misses ?? '')}\n`);
  if (values.out) {
    const report = {
      groups: run.groups,
      summary,
      meta: {
        corpus: resolve(values.corpus),
        sensitivity,
        filters: filters.map((f) => `${f.key}=${[...f.values].join(',')}`),
        lines: run.stats.lines,
        malformed: run.stats.malformed,
        analysed: run.analysed,
        seconds: Number((run.totalMs / 1000).toFixed(2)),
      },
    };
    try {
      await writeFile(values.out, JSON.stringify(report, null, 2) + '\n');
    } catch (err) {
      throw new CliError(`cannot write ${values.out}: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.stdout.write(`Report written to ${resolve(values.out)}\n`);
  }
}

if (isEntryPoint(import.meta.url)) runCli(main);
