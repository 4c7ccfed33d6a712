// `web-ext lint` on the built Firefox extension (the checks addons.mozilla.org runs).
// Errors fail the build; warnings and notices are printed so they are seen, but pass.
// `tsx scripts/lint-firefox.ts [dir]`: dist/firefox unless another unpacked build is named.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './lib/repo-paths';
import { describeLintMessage, webExtLint, type LintReport } from './lib/web-ext-lint';

function main(): number {
  const sourceDir = resolve(repoRoot, process.argv[2] ?? 'dist/firefox');
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
