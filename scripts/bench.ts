// npm run bench [-- --json FILE] [--text FILE] [--runs N] [--seed N] [--rules DIR]
//
// Throughput and scaling of the engine (issue 2, "Speed"): the full rule set on 1 MB of mixed
// Chinese and English text (median of timed runs after warm-up), cost against text size, cost
// against the number of patterns (100 → 5,000), and, in the same process, the naive way (one
// RegExp per pattern over the already-normalised text) against the engine's full analyze()
// (normalisation included) at 2,000 patterns. 1 MB here is 2^20 bytes of UTF-8.
// Prints numbers; nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, arch, release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, compileRules, normalizeText } from '../src/engine';
import type { CompiledRules } from '../src/engine';
import type { Rule } from '../src/engine/types';
import { buildMixedText, truncateUtf8 } from './lib/build-mixed-text';
import { loadTextModel } from './lib/load-text-model';
import { CliError, parseCliArgs, runCli } from './lib/cli-error';
import { isEntryPoint } from './lib/run-main';
import { formatTable } from './lib/format-table';
import { loadCompiledRules } from './lib/load-compiled-rules';
import { naiveMatcher, runNaive } from './lib/naive-matcher';
import { seedsDir } from './lib/repo-paths';
import { RULES_DIR } from './lib/load-rule-sources';
import { patternCount, syntheticRules } from './lib/synthetic-rules';
import { timeInterleaved, timeRuns } from './lib/time-runs';
import type { Timing } from './lib/time-runs';

const MB = 1 << 20;
const LINEARITY_MB = [0.25, 0.5, 1, 2];
const SCALING_PATTERNS = [100, 500, 1000, 2000, 5000];
const NAIVE_PATTERNS = 2000;

const USAGE = `usage: npm run bench -- [options]
  --json FILE     write the figures as JSON
  --text FILE     bench on this UTF-8 text file (repeated or cut to each size) instead of the
                  generated mixed text
  --runs N        timed runs per measurement (default 21; the naive side uses N/4, at least 3);
                  warm-up runs: max(10, N/2)
  --seed N        seed of the generated text (default 20240601)
  --rules DIR     rule sources (default: rules/)`;

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${name} must be a positive integer, not "${value}"`);
  return n;
}

function seedArticles(): string[] {
  if (!existsSync(seedsDir)) return [];
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(seedsDir, f), 'utf8'));
}

/** Repeat `text` until it has at least `bytes` bytes, then cut on a character boundary. */
function resize(text: string, bytes: number): string {
  const unit = Buffer.byteLength(text, 'utf8');
  if (unit === 0) throw new CliError('the --text file is empty');
  const copies = Math.ceil(bytes / unit);
  return truncateUtf8(Array.from({ length: copies }, () => text).join('\n'), bytes);
}

function exampleSentences(rules: readonly Rule[]): string[] {
  return rules.filter((r) => r.type !== 'context').flatMap((r) => [...r.examples.scam, ...r.examples.benign]);
}

const fmt = (n: number, d = 2): string => n.toFixed(d);

export async function main(): Promise<void> {
  const parsed = parseCliArgs({
    options: {
      json: { type: 'string' },
      text: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      rules: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, USAGE);
  if (!parsed) return;
  const { values } = parsed;
  const runs = positiveInt(values.runs, '--runs', 21);
  // V8 needs about ten calls on 1 MB before analyze() reaches its steady speed (measured here).
  const warmup = Math.max(10, Math.ceil(runs / 2));
  const seed = positiveInt(values.seed, '--seed', 20240601);
  const { rules, compiled } = loadCompiledRules(values.rules);
  const realPatterns = rules.reduce((s, r) => s + patternCount(r), 0);

  // The largest text; every smaller size is a prefix of it, so sizes differ only in length.
  const maxBytes = Math.max(...LINEARITY_MB) * MB;
  let base: string;
  let textSource: string;
  if (values.text) {
    let raw: string;
    try {
      raw = readFileSync(resolve(values.text), 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new CliError(code === 'ENOENT' ? `no such file: ${values.text}` : `cannot read ${values.text}: ${(err as Error).message}`);
    }
    base = resize(raw, maxBytes);
    textSource = `file ${resolve(values.text)}`;
  } else {
    const english = seedArticles();
    base = buildMixedText({ bytes: maxBytes, seed, englishTexts: english, sprinkle: exampleSentences(rules), sprinkleRate: 0.02 });
    textSource =
      `generated (seed ${seed}): English from ${english.length > 0 ? `${english.length} seed articles` : 'a word list'}, ` +
      `Chinese from a word list, rule examples sprinkled at 2% of sentences`;
  }
  const text1 = truncateUtf8(base, MB);
  const bytes1 = Buffer.byteLength(text1, 'utf8');

  const say = (s = ''): void => {
    process.stdout.write(s + '\n');
  };
  say(`Text: ${textSource}`);
  say(`Rules: ${rules.length} rules, ${realPatterns} patterns; ${runs} timed runs after ${warmup} warm-up runs; 1 MB = 2^20 bytes`);

  // 1. The full rule set on 1 MB.
  const analyzeOn = (t: string, c: CompiledRules) => () => analyze({ text: t }, c);
  const headline = timeRuns(analyzeOn(text1, compiled), runs, warmup);
  const msPerMb = headline.medianMs / (bytes1 / MB);
  const sample = analyze({ text: text1 }, compiled);
  say();
  say(`Full rule set on ${fmt(bytes1 / MB, 3)} MB (${text1.length} chars): median ${fmt(headline.medianMs)} ms ` +
    `(min ${fmt(headline.minMs)}, max ${fmt(headline.maxMs)}) → ${fmt(msPerMb)} ms/MB; ` +
    `${sample.findings.length} rules fired, level ${sample.level}`);

  // Where the time goes: normalisation alone, and analyze() with the rules' regular expressions
  // left out (rules made only of regexes dropped), so a slow part shows.
  const withoutRegex = compileRules(
    rules
      .map((r) => ({ ...r, patterns: { ...r.patterns, regex: undefined } }))
      .filter((r) => (r.patterns.phrases?.length ?? 0) > 0 || r.patterns.near !== undefined),
  );
  const regexCount = rules.reduce((n, r) => n + (r.patterns.regex?.length ?? 0), 0);
  const [normalizeTiming, noRegexTiming] = timeInterleaved([() => normalizeText(text1), analyzeOn(text1, withoutRegex)], runs, warmup) as [
    Timing,
    Timing,
  ];
  const breakdown = {
    normalize_ms_per_mb: normalizeTiming.medianMs / (bytes1 / MB),
    regexes: regexCount,
    without_regexes_ms_per_mb: noRegexTiming.medianMs / (bytes1 / MB),
  };
  say(`  normalizeText alone: ${fmt(breakdown.normalize_ms_per_mb)} ms/MB; ` +
    `analyze() without the ${regexCount} rule regexes: ${fmt(breakdown.without_regexes_ms_per_mb)} ms/MB`);

  // The learned second opinion reads only near the rules' cues; this text has cues in every few
  // sentences (rule examples sprinkled at 2%), so it reads nearly all of it: its worst case.
  const model = loadTextModel();
  const [withoutModel, withModel] = timeInterleaved([analyzeOn(text1, compiled), () => analyze({ text: text1 }, compiled, { model })], runs, warmup) as [Timing, Timing];
  const modelCost = {
    without_ms_per_mb: withoutModel.medianMs / (bytes1 / MB),
    with_ms_per_mb: withModel.medianMs / (bytes1 / MB),
  };
  say(`  with the learned model (text-model.ts), cues throughout: ${fmt(modelCost.with_ms_per_mb)} ms/MB against ${fmt(modelCost.without_ms_per_mb)} without, in the same runs`);

  // 2. Linearity in text size.
  const sized = LINEARITY_MB.map((mb) => truncateUtf8(base, Math.round(mb * MB)));
  const sizedTimings = timeInterleaved(sized.map((t) => analyzeOn(t, compiled)), runs, warmup);
  const linearity = sized.map((t, i) => {
    const b = Buffer.byteLength(t, 'utf8');
    const ms = sizedTimings[i]?.medianMs ?? NaN;
    return { mb: LINEARITY_MB[i] ?? 0, bytes: b, ms, ms_per_mb: ms / (b / MB) };
  });
  say();
  say('Cost against text size (full rule set)');
  say(formatTable(['MB', 'bytes', 'median ms', 'ms/MB'], linearity.map((l) => [String(l.mb), String(l.bytes), fmt(l.ms), fmt(l.ms_per_mb)]), new Set(['MB', 'bytes', 'median ms', 'ms/MB'])));

  // 3. Scaling in the number of patterns, on the same 1 MB.
  const sets = new Map<number, { rules: Rule[]; compiled: CompiledRules; real: number; synthetic: number; compileMs: number }>();
  for (const patterns of SCALING_PATTERNS) {
    const set = syntheticRules(rules, patterns);
    const t0 = process.hrtime.bigint();
    const c = compileRules(set.rules);
    const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
    sets.set(patterns, { rules: set.rules, compiled: c, real: set.realPatterns, synthetic: set.syntheticPatterns, compileMs });
  }
  const setList = SCALING_PATTERNS.map((p) => sets.get(p)).filter((s) => s !== undefined);
  const scalingTimings = timeInterleaved(setList.map((s) => analyzeOn(text1, s.compiled)), runs, warmup);
  const scaling = setList.map((s, i) => ({
    patterns: SCALING_PATTERNS[i] ?? 0,
    real_patterns: s.real,
    synthetic_patterns: s.synthetic,
    compile_ms: s.compileMs,
    ms_per_mb: (scalingTimings[i]?.medianMs ?? NaN) / (bytes1 / MB),
  }));
  say();
  say('Cost against the number of patterns (1 MB)');
  say(
    formatTable(
      ['patterns', 'real', 'synthetic', 'compile ms', 'ms/MB'],
      scaling.map((s) => [String(s.patterns), String(s.real_patterns), String(s.synthetic_patterns), fmt(s.compile_ms, 1), fmt(s.ms_per_mb)]),
      new Set(['patterns', 'real', 'synthetic', 'compile ms', 'ms/MB']),
    ),
  );

  // 4. Naive vs engine at 2,000 patterns, same process, same text.
  const set2000 = sets.get(NAIVE_PATTERNS);
  if (!set2000) throw new Error('no 2000-pattern set');
  const regexes = naiveMatcher(set2000.rules);
  const normalized = normalizeText(text1).text;
  const naiveRuns = Math.max(3, Math.ceil(runs / 4));
  // Alternate the two so that both see the same machine state.
  const [engine2000, naive] = timeInterleaved(
    [analyzeOn(text1, set2000.compiled), () => runNaive(regexes, normalized)],
    [runs, naiveRuns],
    1,
  ) as [Timing, Timing];
  const naiveMatches = runNaive(regexes, normalized);
  const ratio = naive.medianMs / engine2000.medianMs;
  say();
  say(`Naive vs engine at ${NAIVE_PATTERNS} patterns on ${fmt(bytes1 / MB, 3)} MB`);
  say(
    formatTable(
      ['method', 'what is timed', 'runs', 'median ms'],
      [
        ['engine', 'analyze(): normalise + automaton + near + regex + score', String(runs), fmt(engine2000.medianMs)],
        ['naive', `${regexes.length} RegExps over the normalised text (${naiveMatches} matches)`, String(naiveRuns), fmt(naive.medianMs)],
      ],
      new Set(['runs', 'median ms']),
    ),
  );
  say(`ratio naive / engine: ${fmt(ratio, 1)}×`);

  // What a page pays once before its first scan, with a cold JIT: compiling the rules, or
  // reading back the build's compiled form (what the content script does). Fresh processes.
  const probe = fileURLToPath(new URL('./lib/startup-probe.ts', import.meta.url));
  const rulesDir = values.rules ?? RULES_DIR;
  const scratch = mkdtempSync(join(tmpdir(), 'sentinel-bench-'));
  const compiledFile = join(scratch, 'compiled.json');
  const child = (args: string[]): { ms: number; bytes?: number } => {
    const r = spawnSync(process.execPath, [...process.execArgv, probe, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new CliError(`start-up probe failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; bytes?: number };
  };
  child(['write', rulesDir, compiledFile]);
  const startupRuns = 5;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const coldCompile = median(Array.from({ length: startupRuns }, () => child(['compile', rulesDir]).ms));
  const reads = Array.from({ length: startupRuns }, () => child(['read', compiledFile]));
  const coldRead = median(reads.map((r) => r.ms));
  rmSync(scratch, { recursive: true, force: true });
  say();
  say(`Page start-up, cold (median of ${startupRuns} fresh processes): compiling the rules ${fmt(coldCompile, 1)} ms; reading back the compiled rules the build ships (${fmt((reads[0]?.bytes ?? 0) / 1024, 0)} KiB) ${fmt(coldRead, 1)} ms`);

  const cpu = cpus();
  const machine = {
    cpu: cpu[0]?.model ?? 'unknown',
    cpus: cpu.length,
    memory_gb: Number((totalmem() / 2 ** 30).toFixed(1)),
    platform: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    v8: process.versions.v8,
  };
  say();
  say(`Machine: ${machine.cpu}, ${machine.cpus} CPUs, ${machine.memory_gb} GB, ${machine.platform}, Node ${machine.node}`);

  if (values.json) {
    const report = {
      ms_per_mb: Number(msPerMb.toFixed(3)),
      ratio_vs_naive_2000: Number(ratio.toFixed(2)),
      scaling: scaling.map((s) => ({ ...s, compile_ms: Number(s.compile_ms.toFixed(2)), ms_per_mb: Number(s.ms_per_mb.toFixed(3)) })),
      linearity: linearity.map((l) => ({ ...l, ms: Number(l.ms.toFixed(3)), ms_per_mb: Number(l.ms_per_mb.toFixed(3)) })),
      naive_2000: {
        patterns: NAIVE_PATTERNS,
        regexes: regexes.length,
        naive_median_ms: Number(naive.medianMs.toFixed(3)),
        engine_median_ms: Number(engine2000.medianMs.toFixed(3)),
        naive_runs: naiveRuns,
      },
      startup_cold_ms: { compile: Number(coldCompile.toFixed(2)), read_compiled: Number(coldRead.toFixed(2)) },
      breakdown: {
        normalize_ms_per_mb: Number(breakdown.normalize_ms_per_mb.toFixed(3)),
        regexes: breakdown.regexes,
        without_regexes_ms_per_mb: Number(breakdown.without_regexes_ms_per_mb.toFixed(3)),
      },
      model: { with_ms_per_mb: Number(modelCost.with_ms_per_mb.toFixed(3)), without_ms_per_mb: Number(modelCost.without_ms_per_mb.toFixed(3)) },
      text: { source: textSource, bytes: bytes1, chars: text1.length },
      rules: { rules: rules.length, patterns: realPatterns },
      runs,
      warmup,
      mb_bytes: MB,
      machine,
      date: new Date().toISOString(),
    };
    try {
      await writeFile(values.json, JSON.stringify(report, null, 2) + '\n');
    } catch (err) {
      throw new CliError(`cannot write ${values.json}: ${(err as Error).message}`);
    }
    say(`Figures written to ${resolve(values.json)}`);
  }
}

if (isEntryPoint(import.meta.url)) runCli(main);
