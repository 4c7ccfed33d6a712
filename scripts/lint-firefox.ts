// `web-ext lint` on the built Firefox extension (the checks addons.mozilla.org runs).
// Errors fail the build; warnings and notices are printed so they are seen, but pass.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, HELP_OPTION, parseCliArgs, reportCliError } from './lib/cli-error';

interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
}

interface LintReport {
  count: number;
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = fileURLToPath(new URL('../dist/firefox', import.meta.url));
const webExt = fileURLToPath(new URL('../node_modules/.bin/web-ext', import.meta.url));

function describe(kind: string, m: LintMessage): string {
  const where = m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '';
  const detail = m.description ? `\n      ${m.description.replace(/\s+/g, ' ').trim()}` : '';
  return `  ${kind} ${m.code}: ${m.message}${where}${detail}`;
}

const USAGE = `usage: tsx scripts/lint-firefox.ts
  web-ext lint on dist/firefox: errors fail, warnings and notices are printed`;

function main(): number {
  try {
    if (!parseCliArgs({ options: HELP_OPTION }, USAGE)) return 0;
  } catch (error) {
    if (error instanceof CliError) return reportCliError(error);
    throw error;
  }
  if (!existsSync(sourceDir)) {
    console.error('lint-firefox: dist/firefox does not exist; run `npm run build` first.');
    return 1;
  }
  const run = spawnSync(
    webExt,
    ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery', '--no-input'],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    console.error('lint-firefox: web-ext did not produce a JSON report.');
    console.error(run.stdout, run.stderr);
    return 1;
  }
  for (const m of report.errors) console.error(describe('ERROR', m));
  for (const m of report.warnings) console.warn(describe('warning', m));
  for (const m of report.notices) console.log(describe('notice', m));
  const { errors, warnings, notices } = report.summary;
  console.log(`lint-firefox: ${errors} errors, ${warnings} warnings, ${notices} notices in dist/firefox`);
  return errors > 0 ? 1 : 0;
}

process.exit(main());
