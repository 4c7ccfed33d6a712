// The store archives `npm run package` writes (issue 13), and the checks every archive passes
// before it is called ready: the one manifest at the root, package.json's version, no source
// maps unless asked for, no test hooks. The Chrome archive is zipped here (fflate) rather than by
// `web-ext build`, because its manifest must differ from dist/chrome's: the Chrome Web Store
// refuses a manifest that carries `key` ("key field is not allowed in manifest"); the store signs
// the package with its own key.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { BrowserTarget } from './derive-manifest.js';

export const ARTIFACTS_DIR = 'artifacts';

/** artifacts/scam-sentinel-0.1.0-firefox.zip and so on. */
export function archiveName(version: string, kind: BrowserTarget | 'source'): string {
  return `scam-sentinel-${version}-${kind}.zip`;
}

/**
 * A storage key only the test build reads (service-worker.ts: the e2e tests point it at a local
 * feed). Release builds compile that branch out, so finding it in an archive means test hooks.
 */
export const TEST_HOOK_MARKER = 'test.feedUrl';

/** The manifest the Chrome Web Store accepts: dist/chrome's without `key`. Pure. */
export function chromeStoreManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const { key: _key, ...rest } = manifest;
  return rest;
}

/** Every file under `dir`, as archive paths (forward slashes) to contents, sorted by path. */
export function readTree(dir: string): Map<string, Uint8Array> {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(at, e.name)) : [join(at, e.name)]));
  const files = walk(dir).map((file) => [relative(dir, file).split(sep).join('/'), new Uint8Array(readFileSync(file))] as const);
  return new Map(files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A zip of `files`, each stamped with `mtime` (the build date), in path order: the same files
 * give the same bytes, so a store reviewer's rebuild can be compared byte for byte.
 */
export function zipFiles(files: Map<string, Uint8Array>, mtime: Date): Uint8Array {
  const tree: Zippable = {};
  for (const [path, data] of files) tree[path] = [data, { mtime }];
  return zipSync(tree, { level: 9 });
}

export function unzipFiles(archive: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(archive)).filter(([path]) => !path.endsWith('/')));
}

export interface ArchiveExpectations {
  target: BrowserTarget;
  version: string;
  /** Source maps were asked for (`--source-maps`). */
  sourceMaps: boolean;
}

/** Problems with an archive's files; empty when it is ready for the store. Pure. */
export function checkArchive(files: Map<string, Uint8Array>, expected: ArchiveExpectations): string[] {
  const problems: string[] = [];
  const manifestBytes = files.get('manifest.json');
  if (manifestBytes === undefined) return ['no manifest.json at the root of the archive'];
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as Record<string, unknown>;
  } catch {
    return ['manifest.json is not JSON'];
  }
  if (manifest.version !== expected.version) problems.push(`manifest version ${String(manifest.version)}, expected ${expected.version} (package.json)`);
  if (expected.target === 'chrome' && 'key' in manifest) problems.push('chrome: manifest.json carries `key`, which the Chrome Web Store refuses');
  if (expected.target === 'firefox' && typeof (manifest.browser_specific_settings as { gecko?: { id?: unknown } } | undefined)?.gecko?.id !== 'string') {
    problems.push('firefox: manifest.json has no browser_specific_settings.gecko.id');
  }
  const maps = [...files.keys()].filter((path) => path.endsWith('.map'));
  if (!expected.sourceMaps && maps.length > 0) problems.push(`source maps without --source-maps: ${maps.join(', ')}`);
  if (expected.sourceMaps && maps.length === 0) problems.push('--source-maps was given, but the archive has no .map file');
  for (const [path, data] of files) {
    if (path.endsWith('.js') && new TextDecoder().decode(data).includes(TEST_HOOK_MARKER)) problems.push(`${path}: test hooks (${TEST_HOOK_MARKER}) in a release archive`);
  }
  return problems;
}
