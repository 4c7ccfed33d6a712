// npm run scan -- <page.html | text.txt | URL>... [--json] [--sensitivity relaxed|standard|strict]
//
// Runs the extension's engine on saved pages, text files or URLs the user names, and prints for
// each the level, the score per scam type, each finding with the phrases quoted, and whether the
// page reads as being about fraud (DESIGN.md, "Tools for people who are not in a browser").
// With --json, one line of JSON per file: {file, ...AnalyzeResult}.
import { analyze, type CompiledRules } from '../src/engine';
import type { AnalyzeResult, Sensitivity } from '../src/engine/types';
import { CliError, parseCliArgs, runCli } from './lib/cli-error';
import { isEntryPoint } from './lib/run-main';
import { formatScanResult } from './lib/format-scan-result';
import { loadCompiledRules } from './lib/load-compiled-rules';
import { readScanInput, type ScanInput } from './lib/read-scan-input';
import { parseSensitivity } from './lib/parse-sensitivity';
import { loadTextModel } from './lib/load-text-model';

const USAGE = `usage: npm run scan -- <page.html | text.txt | http(s)://URL>... [options]
  --json                 print one line of JSON per file: {file, ...AnalyzeResult}
  --sensitivity LEVEL    relaxed | standard (default) | strict
  --without-model        the rules and claims alone, without the learned second opinion (model/)
  --rules DIR            rule sources (default: rules/)
  --timeout SECONDS      URL fetch time limit (default 20)`;

export async function main(): Promise<void> {
  const parsed = parseCliArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      sensitivity: { type: 'string' },
      'without-model': { type: 'boolean', default: false },
      rules: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, USAGE);
  if (!parsed) return;
  const { values, positionals } = parsed;
  if (positionals.length === 0 || positionals.some((p) => p === '')) throw new CliError(`give one or more files or URLs\n${USAGE}`);
  const sensitivity: Sensitivity = parseSensitivity(values.sensitivity);
  const model = values['without-model'] ? null : loadTextModel();
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!Number.isFinite(s) || s <= 0) throw new CliError(`--timeout must be a positive number of seconds`);
    timeoutMs = s * 1000;
  }

  let compiled: CompiledRules | null = null;
  const failures: string[] = [];
  let scanned = 0;
  for (const file of positionals) {
    // Read each input first: a mistyped path should be reported before anything about the rules.
    // One unreadable file among several is reported and the others are still scanned.
    let scan: ScanInput;
    try {
      scan = await readScanInput(file, { timeoutMs });
    } catch (err) {
      if (!(err instanceof CliError) || positionals.length === 1) throw err;
      failures.push(err.message);
      continue;
    }
    compiled ??= loadCompiledRules(values.rules).compiled;
    const result = analyze(scan.input, compiled, { sensitivity, model });
    if (values.json) process.stdout.write(JSON.stringify({ file, ...result }) + '\n');
    else {
      // Reports one after another, a blank line between them.
      if (scanned > 0) process.stdout.write('\n');
      printReport(scan, result, sensitivity);
    }
    scanned++;
  }
  // The inputs that could not be read, each on its own "error:" line, after the others' results.
  if (failures.length > 0) throw new CliError(failures.join('\nerror: '));
}

/** The human-readable report of one file. */
function printReport(scan: ScanInput, result: AnalyzeResult, sensitivity: Sensitivity): void {
  const chars = scan.input.text.length;
  process.stdout.write(`Scanned:     ${scan.origin} (${scan.kind}, ${scan.encoding}, ${chars} characters of text)\n`);
  if (scan.input.title) process.stdout.write(`Title:       ${scan.input.title}\n`);
  if (scan.kind === 'html' && scan.input.signals) {
    const s = scan.input.signals;
    const seen = [
      s.bankCardForm && 'bank-card form',
      s.idNumberForm && 'ID-number form',
      s.verificationCodeForm && 'verification-code form',
      s.messengerLinks?.length && `messenger links: ${s.messengerLinks.join(', ')}`,
      s.apkDownload && 'APK download',
    ].filter(Boolean);
    process.stdout.write(`Page:        ${seen.length > 0 ? seen.join('; ') : 'no forms, messenger links or APK downloads of note'}\n`);
  }
  process.stdout.write(`Sensitivity: ${sensitivity}\n`);
  process.stdout.write(formatScanResult(result, scan.input) + '\n');
}

if (isEntryPoint(import.meta.url)) runCli(main);
