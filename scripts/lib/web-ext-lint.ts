// `web-ext lint` (the checks addons.mozilla.org runs) on an unpacked Firefox extension, as JSON.
// Used by scripts/lint-firefox.ts on dist/firefox and by the e2e test of the packaged archive.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-paths.js';

export interface LintMessage {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
}

export interface LintReport {
  count: number;
  summary: { errors: number; notices: number; warnings: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

const webExt = join(repoRoot, 'node_modules/.bin/web-ext');

export function describeLintMessage(kind: string, m: LintMessage): string {
  const where = m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '';
  const detail = m.description ? `\n      ${m.description.replace(/\s+/g, ' ').trim()}` : '';
  return `  ${kind} ${m.code}: ${m.message}${where}${detail}`;
}

/** The report, or an Error whose message holds what web-ext printed when it gave no JSON. */
export function webExtLint(sourceDir: string): LintReport {
  const run = spawnSync(webExt, ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery', '--no-input'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    return JSON.parse(run.stdout) as LintReport;
  } catch {
    throw new Error(`web-ext did not produce a JSON report:\n${run.stdout}\n${run.stderr}`);
  }
}
