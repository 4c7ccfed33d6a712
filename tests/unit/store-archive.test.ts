// The checks every store archive passes before `npm run package` calls it ready, and the Chrome
// zip's reproducibility (scripts/lib/store-archive.ts).
import { describe, expect, test } from 'vitest';
import { archiveName, checkArchive, chromeStoreManifest, TEST_HOOK_MARKER, unzipFiles, zipFiles, type ArchiveExpectations } from '../../scripts/lib/store-archive';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const json = (v: unknown): Uint8Array => enc(JSON.stringify(v));

const chromeManifest = { manifest_version: 3, version: '1.2.3', background: { service_worker: 'service-worker-loader.js' } };
const firefoxManifest = { manifest_version: 3, version: '1.2.3', browser_specific_settings: { gecko: { id: 'a@b' } } };

function files(manifest: unknown, extra: Record<string, string> = {}): Map<string, Uint8Array> {
  return new Map<string, Uint8Array>([['manifest.json', manifest === undefined ? enc('') : json(manifest)], ['assets/app.js', enc('console.log(1)')], ...Object.entries(extra).map(([k, v]) => [k, enc(v)] as const)]);
}

const chrome: ArchiveExpectations = { target: 'chrome', version: '1.2.3', sourceMaps: false };
const firefox: ArchiveExpectations = { target: 'firefox', version: '1.2.3', sourceMaps: false };

describe('checkArchive', () => {
  test.each([
    ['a correct Chrome archive', files(chromeManifest), chrome, []],
    ['a correct Firefox archive', files(firefoxManifest), firefox, []],
    ['source maps when asked for', files(chromeManifest, { 'assets/app.js.map': '{}' }), { ...chrome, sourceMaps: true }, []],
    ['no manifest at the root', new Map([['dist/manifest.json', json(chromeManifest)]]), chrome, ['no manifest.json at the root of the archive']],
    ['a manifest that is not JSON', new Map([['manifest.json', enc('{')]]), chrome, ['manifest.json is not JSON']],
    ['another version than package.json\'s', files({ ...chromeManifest, version: '1.2.2' }), chrome, ['manifest version 1.2.2, expected 1.2.3 (package.json)']],
    ['`key` in the Chrome manifest', files({ ...chromeManifest, key: 'MIIB' }), chrome, ['chrome: manifest.json carries `key`, which the Chrome Web Store refuses']],
    ['a Firefox manifest without a gecko id', files(chromeManifest), firefox, ['firefox: manifest.json has no browser_specific_settings.gecko.id']],
    ['source maps not asked for', files(chromeManifest, { 'assets/app.js.map': '{}' }), chrome, ['source maps without --source-maps: assets/app.js.map']],
    ['--source-maps without maps', files(chromeManifest), { ...chrome, sourceMaps: true }, ['--source-maps was given, but the archive has no .map file']],
    ['test hooks compiled in', files(chromeManifest, { 'assets/sw.js': `storage.get('${TEST_HOOK_MARKER}')` }), chrome, [`assets/sw.js: test hooks (${TEST_HOOK_MARKER}) in a release archive`]],
  ] as const)('%s', (_name, archive, expected, problems) => {
    expect(checkArchive(archive, expected)).toEqual(problems);
  });
});

describe('the Chrome archive', () => {
  test('the store manifest is dist/chrome\'s without `key`, and the original is untouched', () => {
    const built = { ...chromeManifest, key: 'MIIB', storage: { managed_schema: 'managed_schema.json' } };
    expect(chromeStoreManifest(built)).toEqual({ ...chromeManifest, storage: { managed_schema: 'managed_schema.json' } });
    expect(built.key).toBe('MIIB');
  });

  test('the same files and date give the same bytes, and unzip to the same files', () => {
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 6));
    const a = zipFiles(files(chromeManifest), date);
    const b = zipFiles(files(chromeManifest), new Date(date));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(unzipFiles(a)).toEqual(files(chromeManifest));
    expect(Buffer.from(zipFiles(files(chromeManifest), new Date(Date.UTC(2026, 0, 3)))).equals(Buffer.from(a))).toBe(false);
  });

  test('archives are named with the version', () => {
    expect(archiveName('0.1.0', 'firefox')).toBe('scam-sentinel-0.1.0-firefox.zip');
    expect(archiveName('0.1.0', 'chrome')).toBe('scam-sentinel-0.1.0-chrome.zip');
    expect(archiveName('0.1.0', 'source')).toBe('scam-sentinel-0.1.0-source.zip');
  });
});
