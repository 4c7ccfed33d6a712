// The one manifest.json in the repository is written for both browsers; this derives the
// variant each browser accepts. Pure: no file system, so tests/unit/manifest.test.ts can run
// it on any input. The build hands its result to @crxjs/vite-plugin, which then replaces source
// paths (src/...ts) with the built file names.

export const BROWSER_TARGETS = ['chrome', 'firefox'] as const;
export type BrowserTarget = (typeof BROWSER_TARGETS)[number];

export interface GeckoSettings {
  id: string;
  strict_min_version: string;
  [key: string]: unknown;
}

/** The fields of manifest.json this derivation reads or rewrites; the rest passes through. */
export interface SourceManifest {
  manifest_version: number;
  /** Not written in manifest.json: package.json's version, set by withPackageVersion. */
  version?: string;
  background: { service_worker: string; type?: string };
  browser_specific_settings?: { gecko?: Partial<GeckoSettings> };
  [key: string]: unknown;
}

export interface ChromeManifest extends Omit<SourceManifest, 'browser_specific_settings'> {
  background: { service_worker: string; type?: string };
}

export interface FirefoxManifest extends Omit<SourceManifest, 'background'> {
  background: { scripts: string[]; type?: string };
  browser_specific_settings: { gecko: GeckoSettings };
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * What both stores accept as a version: one to four dot-separated integers from 0 to 65535,
 * without leading zeros (Chrome's rule; Firefox's is looser). "1.0.0-beta" is refused.
 */
const VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/;

export function isStoreVersion(version: string): boolean {
  return VERSION.test(version) && version.split('.').every((part) => Number(part) <= 65535);
}

/**
 * manifest.json with package.json's version: the one place the version is written, so the two
 * built manifests, the archives' names and the feed's minimum extension version cannot disagree.
 */
export function withPackageVersion(manifest: SourceManifest, packageVersion: string): SourceManifest {
  if ('version' in manifest) {
    throw new ManifestError('manifest.json must not carry a version: it comes from package.json');
  }
  if (!isStoreVersion(packageVersion)) {
    throw new ManifestError(`package.json version ${packageVersion} is not a store version (1 to 4 numbers 0-65535, e.g. 1.2.3)`);
  }
  return { ...manifest, version: packageVersion };
}

export function deriveManifest(source: SourceManifest, target: 'chrome'): ChromeManifest;
export function deriveManifest(source: SourceManifest, target: 'firefox'): FirefoxManifest;
export function deriveManifest(
  source: SourceManifest,
  target: BrowserTarget,
): ChromeManifest | FirefoxManifest;
export function deriveManifest(
  source: SourceManifest,
  target: BrowserTarget,
): ChromeManifest | FirefoxManifest {
  if (source.manifest_version !== 3) {
    throw new ManifestError(`manifest_version must be 3, got ${String(source.manifest_version)}`);
  }
  if (typeof source.version !== 'string' || !isStoreVersion(source.version)) {
    throw new ManifestError(`version must be 1 to 4 numbers 0-65535, got ${String(source.version)}`);
  }
  const worker = source.background?.service_worker;
  if (typeof worker !== 'string' || worker === '') {
    throw new ManifestError('background.service_worker must name the background entry file');
  }
  // structuredClone: the caller's object is never mutated, and nested arrays are not shared.
  const copy = structuredClone(source);

  if (target === 'chrome') {
    // Chrome reports browser_specific_settings as an unrecognised key on the extensions page.
    const { browser_specific_settings: _gecko, ...rest } = copy;
    return { ...rest, background: { ...copy.background } };
  }

  // `key` (the fixed Chrome extension id) and `storage.managed_schema` are Chrome's: Firefox takes
  // the id from gecko.id and reads storage.managed from policies.json without a schema, and it
  // reports manifest properties it does not know as warnings in about:debugging.
  delete copy.key;
  delete copy.storage;
  // Chrome's per-session address for web-accessible files; Firefox's moz-extension:// host is
  // already random per profile, and it does not know the key.
  if (Array.isArray(copy.web_accessible_resources)) {
    for (const entry of copy.web_accessible_resources as Record<string, unknown>[]) delete entry.use_dynamic_url;
  }

  // Firefox MV3 has no extension service workers: it runs the same code as a non-persistent
  // background script (event page), and ignores `service_worker`.
  const gecko = copy.browser_specific_settings?.gecko;
  if (typeof gecko?.id !== 'string' || gecko.id === '') {
    throw new ManifestError('browser_specific_settings.gecko.id is required for Firefox');
  }
  if (typeof gecko.strict_min_version !== 'string' || gecko.strict_min_version === '') {
    throw new ManifestError('browser_specific_settings.gecko.strict_min_version is required for Firefox');
  }
  const { background, ...rest } = copy;
  const firefoxBackground: FirefoxManifest['background'] = { scripts: [worker] };
  if (background.type !== undefined) firefoxBackground.type = background.type;
  return {
    ...rest,
    background: firefoxBackground,
    browser_specific_settings: {
      ...copy.browser_specific_settings,
      gecko: { ...gecko, id: gecko.id, strict_min_version: gecko.strict_min_version },
    },
  };
}
