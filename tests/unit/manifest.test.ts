// The one manifest.json becomes a Chrome and a Firefox manifest (scripts/lib/derive-manifest.ts),
// and the built manifests are checked (scripts/lib/check-built-manifest.ts) so that no content
// code is ever web-accessible.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkBuiltManifest } from '../../scripts/lib/check-built-manifest';
import { GUARD_MODULE_FILE } from '../../src/content/load-guard-module';
import { deriveManifest, isStoreVersion, ManifestError, withPackageVersion, type SourceManifest } from '../../scripts/lib/derive-manifest';
import { packageVersion, readSourceManifest } from '../../scripts/lib/source-manifest';
import { extensionIdFromKey } from '../../scripts/lib/extension-id';

const source: SourceManifest = {
  manifest_version: 3,
  name: '__MSG_ext_name__',
  version: '1.2.3',
  background: { service_worker: 'src/background/service-worker.ts', type: 'module' },
  content_scripts: [{ matches: ['https://*/*'], js: ['src/content/content-script.ts'] }],
  browser_specific_settings: { gecko: { id: 'a@b', strict_min_version: '140.0' } },
  key: 'MIIBIjAN',
  storage: { managed_schema: 'managed_schema.json' },
};

describe('deriveManifest', () => {
  test('chrome: service worker kept, gecko settings stripped, the rest unchanged', () => {
    const chrome = deriveManifest(source, 'chrome');
    expect(chrome.background).toEqual({ service_worker: 'src/background/service-worker.ts', type: 'module' });
    expect(chrome).not.toHaveProperty('browser_specific_settings');
    expect(chrome.name).toBe('__MSG_ext_name__');
    expect(chrome.content_scripts).toEqual(source.content_scripts);
  });

  test('firefox: the worker becomes a background script, gecko settings kept', () => {
    const firefox = deriveManifest(source, 'firefox');
    expect(firefox.background).toEqual({ scripts: ['src/background/service-worker.ts'], type: 'module' });
    expect(firefox.background).not.toHaveProperty('service_worker');
    expect(firefox.browser_specific_settings.gecko).toEqual({ id: 'a@b', strict_min_version: '140.0' });
    expect(firefox.version).toBe('1.2.3');
  });

  test('chrome keeps the key (fixed id) and the managed schema; firefox, which reads neither, gets neither', () => {
    const chrome = deriveManifest(source, 'chrome');
    expect(chrome.key).toBe('MIIBIjAN');
    expect(chrome.storage).toEqual({ managed_schema: 'managed_schema.json' });
    const firefox = deriveManifest(source, 'firefox');
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).not.toHaveProperty('storage');
  });

  test('a background without a module type stays without one', () => {
    const classic = { ...source, background: { service_worker: 'sw.ts' } };
    expect(deriveManifest(classic, 'firefox').background).toEqual({ scripts: ['sw.ts'] });
  });

  test('the source manifest is not mutated and results share no objects with it', () => {
    const before = structuredClone(source);
    const chrome = deriveManifest(source, 'chrome');
    const firefox = deriveManifest(source, 'firefox');
    expect(source).toEqual(before);
    (chrome.content_scripts as { js: string[] }[])[0]!.js.push('x.js');
    firefox.browser_specific_settings.gecko.id = 'changed';
    expect(source).toEqual(before);
  });

  test.each([
    ['manifest_version 2', { ...source, manifest_version: 2 }, 'chrome'],
    ['no background worker', { ...source, background: { service_worker: '' } }, 'chrome'],
    ['firefox without gecko settings', { ...source, browser_specific_settings: undefined }, 'firefox'],
    ['firefox without a gecko id', { ...source, browser_specific_settings: { gecko: { strict_min_version: '140.0' } } }, 'firefox'],
    ['firefox without strict_min_version', { ...source, browser_specific_settings: { gecko: { id: 'a@b' } } }, 'firefox'],
    ['no version', { ...source, version: undefined }, 'chrome'],
    ['a version Chrome refuses', { ...source, version: '1.0.0-beta' }, 'firefox'],
  ] as const)('rejects %s', (_name, manifest, target) => {
    expect(() => deriveManifest(manifest as SourceManifest, target)).toThrow(ManifestError);
  });

  test('chrome does not need gecko settings', () => {
    expect(() => deriveManifest({ ...source, browser_specific_settings: undefined }, 'chrome')).not.toThrow();
  });

  test('the repository manifest.json derives for both browsers', () => {
    const real = readSourceManifest();
    expect(real.default_locale).toBe('en');
    // Only the warning's module is web-accessible (issue 11: load-page-warnings.ts), and on Chrome
    // only at its per-session address; Firefox, whose extension host is random per profile, does
    // not know the key.
    expect(real.web_accessible_resources).toEqual([{ resources: [GUARD_MODULE_FILE], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }]);
    const chrome = deriveManifest(real, 'chrome');
    const firefox = deriveManifest(real, 'firefox');
    expect(chrome.web_accessible_resources).toEqual(real.web_accessible_resources);
    expect(firefox.web_accessible_resources).toEqual([{ resources: [GUARD_MODULE_FILE], matches: ['http://*/*', 'https://*/*'] }]);
    expect(chrome.background.service_worker).toMatch(/^src\/background\/.+\.ts$/);
    expect(firefox.background.scripts).toEqual([real.background.service_worker]);
    expect(firefox.browser_specific_settings.gecko.id).toMatch(/^[\w.-]+@[\w.-]+$/);
  });

  test('the repository manifest declares the managed schema, which Vite copies from assets/ to the root of the build', () => {
    const real = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as SourceManifest;
    expect(real.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(existsSync(new URL('../../assets/managed_schema.json', import.meta.url))).toBe(true);
  });
});

describe('the version comes from package.json alone', () => {
  test('manifest.json carries none, and both derived manifests carry package.json\'s', () => {
    const raw = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(raw).not.toHaveProperty('version');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
    for (const target of ['chrome', 'firefox'] as const) {
      expect(deriveManifest(readSourceManifest(), target).version).toBe(pkg.version);
    }
  });

  test('a manifest that carries its own version is refused (two places would drift)', () => {
    expect(() => withPackageVersion(source, '1.2.3')).toThrow(/must not carry a version/);
  });

  test('a package version no store accepts is refused', () => {
    const { version: _v, ...bare } = source;
    expect(withPackageVersion(bare, '2.0.1').version).toBe('2.0.1');
    expect(() => withPackageVersion(bare, '2.0.1-rc.1')).toThrow(ManifestError);
  });

  const accepted = ['0.1.0', '1', '1.2.3.4', '65535.0'];
  const refused = ['65536.0', '1.2.3.4.5', '01.2', '1.2.3-beta', ''];
  test.each([...accepted.map((v) => [v, true] as const), ...refused.map((v) => [v, false] as const)])('isStoreVersion(%j) is %s', (version, ok) => {
    expect(isStoreVersion(version)).toBe(ok);
  });
});

describe('the fixed extension id', () => {
  const real = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as SourceManifest & { key: string };

  test('the manifest key is a 2048-bit RSA public key (DER SubjectPublicKeyInfo)', async () => {
    const { createPublicKey } = await import('node:crypto');
    const key = createPublicKey({ key: Buffer.from(real.key, 'base64'), format: 'der', type: 'spki' });
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  test('the id is 32 letters a–p', () => {
    expect(extensionIdFromKey(real.key)).toMatch(/^[a-p]{32}$/);
  });

  test('the id written in the family kit is the one the key gives', () => {
    const id = extensionIdFromKey(real.key);
    const kit = readFileSync(new URL('../../docs/family-kit.md', import.meta.url), 'utf8');
    const kitZh = readFileSync(new URL('../../docs/family-kit.zh.md', import.meta.url), 'utf8');
    for (const text of [kit, kitZh]) {
      const written = [...text.matchAll(/\b[a-p]{32}\b/g)].map((m) => m[0]);
      expect(written.length).toBeGreaterThan(0);
      expect(new Set(written)).toEqual(new Set([id]));
    }
  });

  test('a key that is not base64 is refused', () => {
    expect(() => extensionIdFromKey('not a key!')).toThrow();
  });
});

/** A manifest as crxjs writes it for `target`, with overrides. */
function built(target: 'chrome' | 'firefox', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = {
    manifest_version: 3,
    content_scripts: [{ matches: ['https://*/*'], js: ['src/content/content-script.js'] }],
    background:
      target === 'chrome'
        ? { service_worker: 'service-worker-loader.js', type: 'module' }
        : { scripts: ['service-worker-loader.js'], type: 'module' },
  };
  const gecko = { browser_specific_settings: { gecko: { id: 'a@b', strict_min_version: '140.0' } } };
  const chromeOnly = { key: 'MIIBIjAN', storage: { managed_schema: 'managed_schema.json' } };
  return { ...base, ...(target === 'firefox' ? gecko : chromeOnly), ...extra };
}

describe('checkBuiltManifest', () => {
  test.each(['chrome', 'firefox'] as const)('%s: a correct build passes', (target) => {
    expect(checkBuiltManifest(built(target), target)).toEqual([]);
  });

  test.each([
    ['the content script itself', 'src/content/content-script.js'],
    ['a content chunk (crxjs loader build)', 'assets/content-script.ts-B1a2c3.js'],
    ['a wildcard', 'assets/*'],
  ])('web_accessible_resources exposing %s is a problem', (_name, resource) => {
    const manifest = built('chrome', { web_accessible_resources: [{ matches: ['<all_urls>'], resources: [resource] }] });
    expect(checkBuiltManifest(manifest, 'chrome')).toEqual([`web_accessible_resources exposes ${resource}`]);
  });

  test('the warning\'s module may be web-accessible to http(s) pages, on Chrome only at its per-session address', () => {
    const war = (extra: Record<string, unknown>) => [{ matches: ['http://*/*', 'https://*/*'], resources: [GUARD_MODULE_FILE], ...extra }];
    expect(checkBuiltManifest(built('chrome', { web_accessible_resources: war({ use_dynamic_url: true }) }), 'chrome')).toEqual([]);
    expect(checkBuiltManifest(built('firefox', { web_accessible_resources: war({}) }), 'firefox')).toEqual([]);
    expect(checkBuiltManifest(built('chrome', { web_accessible_resources: war({}) }), 'chrome')).toEqual([`chrome: web_accessible_resources: ${GUARD_MODULE_FILE} needs use_dynamic_url`]);
    expect(checkBuiltManifest(built('firefox', { web_accessible_resources: war({ matches: ['<all_urls>'] }) }), 'firefox')).toEqual([`web_accessible_resources: ${GUARD_MODULE_FILE} must be for http(s) pages only`]);
    expect(checkBuiltManifest(built('firefox', { web_accessible_resources: war({ extension_ids: ['*'] }) }), 'firefox')).toEqual([`web_accessible_resources: ${GUARD_MODULE_FILE} must be for http(s) pages only`]);
  });

  test('a web-accessible image is allowed', () => {
    const manifest = built('chrome', { web_accessible_resources: [{ matches: ['<all_urls>'], resources: ['icons/icon-16.png'] }] });
    expect(checkBuiltManifest(manifest, 'chrome')).toEqual([]);
  });

  test('each browser gets its own background form', () => {
    expect(checkBuiltManifest(built('chrome', { background: { scripts: ['a.js'] } }), 'chrome')).toContain(
      'chrome: background.service_worker missing',
    );
    expect(checkBuiltManifest(built('firefox', { background: { service_worker: 'a.js' } }), 'firefox')).toContain(
      'firefox: background.scripts missing',
    );
  });

  test('gecko settings belong to Firefox only', () => {
    const withGecko = built('chrome', { browser_specific_settings: { gecko: { id: 'a@b' } } });
    expect(checkBuiltManifest(withGecko, 'chrome')).toContain('chrome: browser_specific_settings should be stripped');
    const noGecko = built('firefox', { browser_specific_settings: {} });
    expect(checkBuiltManifest(noGecko, 'firefox')).toContain('firefox: browser_specific_settings.gecko.id missing');
  });

  test('chrome needs the key and the managed schema; firefox must not carry them', () => {
    expect(checkBuiltManifest(built('chrome', { key: undefined }), 'chrome')).toEqual(['chrome: key missing (the fixed extension id)']);
    expect(checkBuiltManifest(built('chrome', { storage: {} }), 'chrome')).toEqual(['chrome: storage.managed_schema missing']);
    expect(checkBuiltManifest(built('firefox', { key: 'MIIBIjAN' }), 'firefox')).toEqual(['firefox: key should be stripped']);
    expect(checkBuiltManifest(built('firefox', { storage: { managed_schema: 'x.json' } }), 'firefox')).toEqual(['firefox: storage should be stripped']);
  });

  test('content scripts must be built JavaScript', () => {
    const manifest = built('chrome', { content_scripts: [{ matches: ['https://*/*'], js: ['src/content/content-script.ts'] }] });
    expect(checkBuiltManifest(manifest, 'chrome')).toContain('content script src/content/content-script.ts is not built JavaScript');
  });
});
