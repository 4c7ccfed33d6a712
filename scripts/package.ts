// `npm run package [-- --source-maps]`: the release build, then the store archives in artifacts/
// (issue 13), checked and listed with their sizes:
//   scam-sentinel-<version>-firefox.zip  `web-ext build` of dist/firefox, for addons.mozilla.org
//   scam-sentinel-<version>-chrome.zip   dist/chrome without `key`, for the Chrome Web Store
//   scam-sentinel-<version>-source.zip   `git archive` of HEAD: AMO's source-code upload
// The version is package.json's. Source maps only with --source-maps; the build is the release
// build (never test hooks). The build date comes from scripts/lib/build-date.ts and is printed as
// SOURCE_DATE_EPOCH, so a reviewer can rebuild the same files (docs/releasing.md).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDate } from './lib/build-date';
import type { BrowserTarget } from './lib/derive-manifest';
import { formatTable } from './lib/format-table';
import { repoRoot } from './lib/repo-paths';
import { packageVersion } from './lib/source-manifest';
import { ARTIFACTS_DIR, archiveName, checkArchive, chromeStoreManifest, readTree, unzipFiles, zipFiles } from './lib/store-archive';

const bin = (name: string): string => join(repoRoot, 'node_modules/.bin', name);

function run(command: string, args: string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`package: ${command} ${args.join(' ')} failed (exit ${String(result.status ?? result.signal)})`);
}

function firefoxArchive(out: string): void {
  rmSync(out, { force: true });
  run(bin('web-ext'), ['build', '--source-dir', join(repoRoot, 'dist/firefox'), '--artifacts-dir', join(repoRoot, ARTIFACTS_DIR), '--filename', archiveName(packageVersion(), 'firefox'), '--overwrite-dest', '--no-config-discovery', '--no-input'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function chromeArchive(out: string, mtime: Date): void {
  const files = readTree(join(repoRoot, 'dist/chrome'));
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Record<string, unknown>;
  files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(chromeStoreManifest(manifest), null, 2)}\n`));
  writeFileSync(out, zipFiles(files, mtime));
}

/** The committed source of HEAD; null (with a reason) outside a git checkout. */
function sourceArchive(out: string, version: string): string | null {
  const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: repoRoot, encoding: 'utf8' });
  if (inGit.status !== 0) return 'not a git checkout: no source archive';
  run('git', ['archive', '--format=zip', `--prefix=scam-sentinel-${version}/`, '-o', out, 'HEAD']);
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  return dirty === '' ? null : 'the work tree has uncommitted changes: the source archive holds HEAD, the store archives the work tree';
}

function main(): void {
  const sourceMaps = process.argv.includes('--source-maps');
  const version = packageVersion();
  const date = buildDate();
  // One date for the build and the zip entries; the child build reads it back from the environment.
  run(bin('tsx'), [join(repoRoot, 'scripts/build.ts'), ...(sourceMaps ? ['--source-maps'] : [])], { env: { ...process.env, SOURCE_DATE_EPOCH: String(date.epoch) } });

  mkdirSync(join(repoRoot, ARTIFACTS_DIR), { recursive: true });
  const path = (kind: BrowserTarget | 'source'): string => join(repoRoot, ARTIFACTS_DIR, archiveName(version, kind));
  firefoxArchive(path('firefox'));
  chromeArchive(path('chrome'), new Date(date.epoch * 1000));
  const sourceNote = sourceArchive(path('source'), version);

  const problems = (['firefox', 'chrome'] as const).flatMap((target) =>
    checkArchive(unzipFiles(new Uint8Array(readFileSync(path(target)))), { target, version, sourceMaps }).map((p) => `${archiveName(version, target)}: ${p}`),
  );
  if (problems.length > 0) throw new Error(`package: the archives are not ready:\n  ${problems.join('\n  ')}`);

  const kinds = sourceNote?.startsWith('not a git') ? (['firefox', 'chrome'] as const) : (['firefox', 'chrome', 'source'] as const);
  const rows = kinds.map((kind) => {
    const bytes = statSync(path(kind)).size;
    return [join(ARTIFACTS_DIR, archiveName(version, kind)), bytes.toLocaleString('en-US'), `${(bytes / 1024 / 1024).toFixed(2)} MiB`];
  });
  console.log(`\npackage: version ${version}${sourceMaps ? ', with source maps' : ''}; rebuild the same files with SOURCE_DATE_EPOCH=${date.epoch}`);
  console.log(formatTable(['archive', 'bytes', 'size'], rows, new Set(['bytes', 'size'])));
  if (sourceNote) console.warn(`package: ${sourceNote}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
