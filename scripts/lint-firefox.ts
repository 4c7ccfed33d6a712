// `web-ext lint` on the built Firefox extension (the checks addons.mozilla.org runs).
// Errors fail the build; warnings and notices are printed so they are seen, but pass.
// `tsx scripts/lint-firefox.ts [dir]`: dist/firefox unless another unpacked build is named.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, HELP_OPTION, parseCliArgs, reportCliError } from './lib/cli-error';
import { repoRoot } from './lib/repo-paths';
import { describeLintMessage, webExtLint, type LintReport } from './lib/web-ext-lint';

const USAGE = `usage: tsx scripts/lint-firefox.ts [DIR]
  web-ext lint on DIR (default dist/firefox): errors fail, warnings and notices are printed`;

function main(): number {
  let dir: string | undefined;
  try {
    const parsed = parseCliArgs({ allowPositionals: true, options: HELP_OPTION }, USAGE);
    if (!parsed) return 0;
    if (parsed.positionals.length > 1) throw new CliError(`give at most one directory\n${USAGE}`);
    dir = parsed.positionals[0];
  } catch (error) {
    if (error instanceof CliError) return reportCliError(error);
    throw error;
  }
  const sourceDir = resolve(repoRoot, dir ?? 'dist/firefox');
  if (!existsSync(sourceDir)) {
    console.error(`lint-firefox: ${sourceDir} does not exist; run \`npm run build\` first.`);
    return 1;
  }
  let report: LintReport;
  try {
    report = webExtLint(sourceDir);
  } catch (e) {
    console.error(`lint-firefox: ${(e as Error).message}`);
    return 1;
  }
  for (const m of report.errors) console.error(describeLintMessage('ERROR', m));
  for (const m of report.warnings) console.warn(describeLintMessage('warning', m));
  for (const m of report.notices) console.log(describeLintMessage('notice', m));
  const { errors, warnings, notices } = report.summary;
  console.log(`lint-firefox: ${errors} errors, ${warnings} warnings, ${notices} notices in ${sourceDir}`);
  return errors > 0 ? 1 : 0;
}

process.exit(main());
