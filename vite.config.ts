// One Vite config for both browsers and for Vitest.
// `npm run build` (scripts/build.ts) calls extensionConfig('chrome') and
// extensionConfig('firefox'); a plain `vite build` uses BROWSER=chrome|firefox.
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { build, type InlineConfig, type Plugin, type Rollup } from 'vite';
import { defineConfig } from 'vitest/config';
import {
  BROWSER_TARGETS,
  deriveManifest,
  type BrowserTarget,
} from './scripts/lib/derive-manifest.js';
import { readSourceManifest } from './scripts/lib/source-manifest.js';
import { ensureTestFeedKey } from './scripts/lib/test-feed-key.js';
import { buildDate } from './scripts/lib/build-date.js';
import { GUARD_MODULE_FILE } from './src/content/load-guard-module.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The content script entry, as named in manifest.json. */
export const CONTENT_SCRIPT_ENTRY = 'src/content/content-script.ts';

const COMPILED_RULES_ID = 'virtual:compiled-rules';
/**
 * What `import compiled from 'virtual:compiled-rules'` in the content script reads: the bundled
 * rules compiled at build time, written by scripts/build.ts (so that no page pays for compiling
 * them; src/engine/serialize-compiled.ts). An alias rather than a plugin, because crxjs builds the
 * standalone content script with the parent's `resolve` options but none of its plugins.
 */
export const COMPILED_RULES_FILE = fileURLToPath(new URL('./.build/compiled-rules.js', import.meta.url));
const PREFILTER_ID = 'virtual:prefilter';
/**
 * The bundled rules' first stage (src/engine/prefilter.ts), all the content script carries of them
 * (issue 11): the compiled rules themselves are an extension file (BUNDLED_RULES_FILE) that the
 * background reads and hands over only when a page gives a reason.
 */
export const PREFILTER_FILE = fileURLToPath(new URL('./.build/prefilter.js', import.meta.url));
/** The bundled compiled rules (JSON), written by scripts/build.ts into each built extension. */
export const BUNDLED_RULES_FILE = 'rules/compiled.json';
/** Their typed arrays' bytes, beside it (serialize-compiled.ts splitSerialized: issue 11, "warn fast"). */
export const BUNDLED_RULES_BYTES_FILE = 'rules/compiled.bin';
const RULES_VERSION_ID = 'virtual:rules-version';
/**
 * The bundled rules' version, the one source every context reads it from (src/rules/rules-in-force.ts
 * compares it with the feed's), so that the service worker need not bundle the rules only to read it.
 */
export const RULES_VERSION_FILE = fileURLToPath(new URL('./.build/rules-version.js', import.meta.url));
/**
 * The known-scam-site lists of the bundled default, as an extension file the service worker reads
 * when it first needs them (src/background/known-sites.ts), not a module it parses at every start
 * (1.5 MB: issue 11, the first page after install waits for the worker to start).
 */
export const BUNDLED_DOMAINS_FILE = 'rules/domains.json';
/**
 * The learned second opinion's weights (src/engine/text-model.ts, model/text-model.json in the
 * repository), an extension file the background reads when it first scores a page that gave a reason.
 */
export const BUNDLED_MODEL_FILE = 'model/text-model.json';

export interface BuildOptions {
  /**
   * A build for the accessibility tests only (dist/<target>-test): the warning's shadow root is
   * open so axe-core can read it. Release builds compile this to `false` (the root is closed).
   */
  testHooks?: boolean;
  /** Source maps in the build (`npm run package -- --source-maps`); off by default, stores get none. */
  sourceMaps?: boolean;
  /** The date stamped on the bundled rules (ISO); scripts/lib/build-date.ts when not given. */
  rulesIssuedAt?: string;
}

/** The module the content script imports only when a page gives a reason (issue 11): the guard. */
export const GUARD_MODULE_ENTRY = 'src/content/guard-module.ts';
export { GUARD_MODULE_FILE };

/**
 * Builds guard-module.ts into one self-contained ES module and adds it to the extension as
 * GUARD_MODULE_FILE, the one web-accessible script (manifest.json; load-guard-module.ts imports
 * it). A build of its own, because in the extension's build it would share chunks with the popup
 * and the options page, and each chunk would have to be web-accessible too.
 */
function guardModule(shared: Pick<InlineConfig, 'define' | 'resolve'>, target: string, sourceMaps: boolean): Plugin {
  return {
    name: 'scam-sentinel:guard-module',
    apply: 'build',
    async buildStart() {
      const output = (await build({
        root,
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        ...shared,
        build: {
          write: false,
          minify: false,
          sourcemap: sourceMaps ? 'inline' : false,
          target,
          // A library build is one file: the guard imports nothing dynamically.
          lib: { entry: fileURLToPath(new URL(`./${GUARD_MODULE_ENTRY}`, import.meta.url)), formats: ['es'], fileName: () => GUARD_MODULE_FILE },
        },
      })) as Rollup.RollupOutput | Rollup.RollupOutput[];
      const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      if (chunks.length !== 1) throw new Error(`guard-module: expected one module, got ${chunks.map((c) => c.fileName).join(', ')}`);
      this.emitFile({ type: 'asset', fileName: GUARD_MODULE_FILE, source: chunks[0]!.code });
    },
  };
}

export function outDirOf(target: BrowserTarget, options: BuildOptions = {}): string {
  return options.testHooks ? `dist/${target}-test` : `dist/${target}`;
}

export function extensionConfig(target: BrowserTarget, options: BuildOptions = {}): InlineConfig {
  const manifest = deriveManifest(readSourceManifest(), target);
  const buildTarget = target === 'chrome' ? 'chrome116' : 'firefox140';
  const shared = {
    define: {
      __SCAM_SENTINEL_TEST_HOOKS__: JSON.stringify(options.testHooks === true),
      // The test build alone trusts this machine's test signing key (scripts/lib/test-feed-key.ts).
      __SCAM_SENTINEL_TEST_KEY__: JSON.stringify(options.testHooks === true ? ensureTestFeedKey().trusted : null),
      __SCAM_SENTINEL_RULES_ISSUED_AT__: JSON.stringify(options.rulesIssuedAt ?? buildDate().iso),
    },
    resolve: { alias: { [COMPILED_RULES_ID]: COMPILED_RULES_FILE, [PREFILTER_ID]: PREFILTER_FILE, [RULES_VERSION_ID]: RULES_VERSION_FILE } },
  } satisfies Pick<InlineConfig, 'define' | 'resolve'>;
  return {
    root,
    configFile: false,
    ...shared,
    // _locales and icons are copied as they are to the root of the extension.
    publicDir: 'assets',
    build: {
      outDir: outDirOf(target, options),
      emptyOutDir: true,
      // Unminified: store reviewers (AMO) read the shipped code; minified code would need the
      // source submitted alongside. Size does not matter for a locally installed extension.
      minify: false,
      sourcemap: options.sourceMaps === true,
      target: buildTarget,
      // Extension pages the manifest does not name: crxjs builds the popup and the options page
      // from it; the PIN page for "I trust this site" and the full-tab warning (issue 11) are opened
      // by the background.
      rollupOptions: {
        input: {
          unlock: fileURLToPath(new URL('./src/ui/unlock/index.html', import.meta.url)),
          blocked: fileURLToPath(new URL('./src/ui/blocked/index.html', import.meta.url)),
        },
      },
    },
    plugins: [
      guardModule(shared, buildTarget, options.sourceMaps === true),
      crx({
        manifest: manifest as unknown as ManifestV3Export,
        browser: target,
        contentScripts: {
          // By default crxjs emits a small loader as the content script that import()s the real
          // code as ES module chunks, and lists those chunks in web_accessible_resources for
          // every matched origin. Any page could then fetch chrome-extension://<id>/assets/...
          // to detect the extension and read its rules. A standalone IIFE is one self-contained
          // file listed directly in content_scripts, so nothing needs to be web-accessible.
          standaloneFiles: [CONTENT_SCRIPT_ENTRY],
          injectCss: false,
        },
      }),
    ],
  };
}

function targetFromEnv(): BrowserTarget {
  const value = process.env.BROWSER ?? 'chrome';
  if (!(BROWSER_TARGETS as readonly string[]).includes(value)) {
    throw new Error(`BROWSER must be one of ${BROWSER_TARGETS.join(', ')}, got ${value}`);
  }
  return value as BrowserTarget;
}

export default defineConfig(() => ({
  // Vitest does not need the extension plugins (and crxjs would try to emit a manifest).
  ...(process.env.VITEST ? { root } : extensionConfig(targetFromEnv())),
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // Node by default; a test that needs the DOM says `// @vitest-environment happy-dom`.
    environment: 'node',
    // Limits that only catch a hang (issue 12): on a busy two-core machine a test that takes
    // 0.3 s alone can take several, and the unit tier must not fail because the machine is busy.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // GitHub's workflow parser imports its schema as JSON without an import attribute, which
    // Node refuses; Vite transforms it instead (tests/unit/workflows.test.ts).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
}));
