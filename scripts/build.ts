// `npm run build`: the bundled rules first, then the extension for each browser from the one
// manifest.json, into dist/chrome and dist/firefox. Fails if a built manifest exposes content
// code as web-accessible (issue 2: the page must not be able to fetch or fingerprint it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { BROWSER_TARGETS, type BrowserTarget } from './lib/derive-manifest';
import { checkBuiltManifest } from './lib/check-built-manifest';
import { CliError, HELP_OPTION, parseCliArgs, reportCliError } from './lib/cli-error';
import { readDenyLists } from './lib/domain-list-files';
import { BUNDLED_DOMAINS_FILE, BUNDLED_MODEL_FILE, BUNDLED_RULES_BYTES_FILE, BUNDLED_RULES_FILE, COMPILED_RULES_FILE, PREFILTER_FILE, extensionConfig, outDirOf, RULES_VERSION_FILE, type BuildOptions } from '../vite.config';
import { TEST_FEED_KEY_FILE, readTestFeedKey } from './lib/test-feed-key';
import { buildDate } from './lib/build-date';
import { compileRules } from '../src/engine/compile-rules';
import { serializeCompiled, splitSerialized, type SerializedRules } from '../src/engine/serialize-compiled';
import { derivePrefilter } from '../src/engine/prefilter';
import { normalizeText } from '../src/engine/normalize-text';
import { commonWords } from './lib/common-words';
import type { Rule } from '../src/engine/types';

const root = fileURLToPath(new URL('..', import.meta.url));

function buildRules(): void {
  const rulesCli = new URL('./rules.ts', import.meta.url);
  if (!existsSync(rulesCli)) {
    console.warn('build: scripts/rules.ts does not exist yet; skipping the rules build step.');
    return;
  }
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const result = spawnSync(tsx, [fileURLToPath(rulesCli), 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`build: "tsx scripts/rules.ts build" failed (exit ${String(result.status ?? result.signal)})`);
  }
}

/**
 * The bundled rules, compiled and serialized for the content script (vite.config.ts aliases
 * 'virtual:compiled-rules' to this file). Read from disk after the rules build, not imported,
 * so it is never a stale copy.
 */
function writeCompiledRules(): string {
  const bundled = JSON.parse(readFileSync(new URL('../src/rules/generated/bundled-rules.json', import.meta.url), 'utf8')) as { version: number; rules: Rule[] };
  const compiled = compileRules(bundled.rules);
  const json = JSON.stringify(serializeCompiled(compiled));
  mkdirSync(dirname(COMPILED_RULES_FILE), { recursive: true });
  // JSON.parse of a string: engines read that much faster than an object literal of this size.
  writeFileSync(COMPILED_RULES_FILE, `export default JSON.parse(${JSON.stringify(json)});\n`);
  // The version alone, for every context that compares it with the feed's (rules-in-force.ts).
  writeFileSync(RULES_VERSION_FILE, `export const version = ${JSON.stringify(bundled.version)};\n`);
  console.log(`build: compiled ${bundled.rules.length} rules (${Math.round(json.length / 1024)} KiB, ${BUNDLED_RULES_FILE} in each extension)`);
  // The first stage the content script carries instead (issue 11, src/engine/prefilter.ts).
  const prefilter = derivePrefilter(compiled, normalizeText([...commonWords.en, ...commonWords.zh].join(' ')).text);
  const prefilterJson = JSON.stringify(prefilter);
  // An object literal of four fields: its grams are one packed string, read with the script at no
  // further cost; the index over them is built on a page's first text (prefilter.ts).
  writeFileSync(PREFILTER_FILE, `export default ${prefilterJson};\n`);
  console.log(`build: prefilter of ${prefilter.direct} grams and ${prefilter.all.split(';').length} requirements for the content script (${Math.round(prefilterJson.length / 1024)} KiB)`);
  return json;
}

/** The known-scam-site lists for the service worker (BUNDLED_DOMAINS_FILE), so a fresh install has them offline. */
function bundledDomainsJson(): string {
  const lists = readDenyLists();
  console.log(`build: ${lists.reduce((n, l) => n + l.entries.length, 0)} known scam sites for the service worker`);
  return JSON.stringify(lists);
}

/** The files of a built extension, recursively. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * A release build must not trust the test key (its private half sits unprotected in .build/, so
 * anyone with this machine could sign a feed with it). Only dist/<target>-test may contain it.
 */
function checkNoTestKey(outDir: string): void {
  if (!existsSync(TEST_FEED_KEY_FILE)) return;
  const { publicKey } = readTestFeedKey().trusted;
  const leaks = filesOf(join(root, outDir)).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(publicKey));
  if (leaks.length > 0) throw new Error(`build: ${outDir} contains the test signing key (${leaks.join(', ')}); release builds must trust only RELEASE_KEYS`);
}

async function buildTarget(target: BrowserTarget, options: BuildOptions, rulesJson: string, domainsJson: string): Promise<void> {
  const outDir = outDirOf(target, options);
  console.log(`\nbuild: ${target} → ${outDir}${options.testHooks ? ' (test hooks: for the accessibility tests only)' : ''}`);
  await build(extensionConfig(target, options));
  // Read by the background alone (fetch of its own file); not web-accessible, so no page can
  // fetch it to detect the extension (checkBuiltManifest).
  // In two files, the arrays as bytes (serialize-compiled.ts splitSerialized): less for the
  // worker to decode and parse on the first page after install (issue 11, "warn fast").
  const rulesFile = join(root, outDir, BUNDLED_RULES_FILE);
  mkdirSync(dirname(rulesFile), { recursive: true });
  const split = splitSerialized(JSON.parse(rulesJson) as SerializedRules);
  writeFileSync(rulesFile, split.json);
  writeFileSync(join(root, outDir, BUNDLED_RULES_BYTES_FILE), split.bytes);
  writeFileSync(join(root, outDir, BUNDLED_DOMAINS_FILE), domainsJson);
  // The model's weights as they are in the repository (npm run train writes them; the unit tests
  // check they are what the training data gives). Read by the background alone, like the rules.
  const modelFile = join(root, outDir, BUNDLED_MODEL_FILE);
  mkdirSync(dirname(modelFile), { recursive: true });
  copyFileSync(join(root, BUNDLED_MODEL_FILE), modelFile);
  const manifestFile = new URL(`../${outDir}/manifest.json`, import.meta.url);
  const problems = checkBuiltManifest(JSON.parse(readFileSync(manifestFile, 'utf8')), target);
  if (problems.length > 0) {
    throw new Error(`build: ${outDir}/manifest.json:\n  ${problems.join('\n  ')}`);
  }
  if (!options.testHooks) checkNoTestKey(outDir);
  printBundleSizes(outDir);
}

/** Each script of a built extension, raw and gzipped: what a page or the worker loads (issue 11). */
function printBundleSizes(outDir: string): void {
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  const rows = filesOf(join(root, outDir))
    .filter((f) => f.endsWith('.js') || f.endsWith(BUNDLED_RULES_FILE) || f.endsWith(BUNDLED_RULES_BYTES_FILE) || f.endsWith(BUNDLED_DOMAINS_FILE) || f.endsWith(BUNDLED_MODEL_FILE))
    .map((f) => {
      const bytes = readFileSync(f);
      return { file: relative(join(root, outDir), f), raw: bytes.length, gzip: gzipSync(bytes).length };
    })
    .sort((a, b) => b.raw - a.raw);
  console.log(`build: scripts in ${outDir} (raw, gzipped):`);
  for (const row of rows) console.log(`  ${row.file.padEnd(56)} ${kib(row.raw).padStart(12)} ${kib(row.gzip).padStart(12)}`);
}

const USAGE = `usage: npm run build [-- TARGET...] [--test-hooks] [--source-maps]
  TARGET         ${BROWSER_TARGETS.join(' | ')} (default: all), into dist/TARGET
  --test-hooks   the test build, into dist/TARGET-test (for the e2e tests only)
  --source-maps  write source maps beside the bundles`;

async function main(): Promise<void> {
  const parsed = parseCliArgs(
    { allowPositionals: true, options: { 'test-hooks': { type: 'boolean', default: false }, 'source-maps': { type: 'boolean', default: false }, ...HELP_OPTION } },
    USAGE,
  );
  if (!parsed) return;
  const date = buildDate();
  const options: BuildOptions = { testHooks: parsed.values['test-hooks'] === true, sourceMaps: parsed.values['source-maps'] === true, rulesIssuedAt: date.iso };
  const unknown = parsed.positionals.filter((t) => !(BROWSER_TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0) throw new CliError(`unknown target: ${unknown.join(', ')}\n${USAGE}`);
  const only = parsed.positionals;
  const targets = only.length > 0 ? BROWSER_TARGETS.filter((t) => only.includes(t)) : BROWSER_TARGETS;
  buildRules();
  const rulesJson = writeCompiledRules();
  const domainsJson = bundledDomainsJson();
  console.log(`build: bundled rules dated ${date.iso} (from ${date.from}; SOURCE_DATE_EPOCH=${date.epoch} rebuilds the same files)`);
  for (const target of targets) await buildTarget(target, options, rulesJson, domainsJson);
  console.log(`\nbuild: done. Load dist/chrome ("Load unpacked") or dist/firefox (about:debugging).`);
}

main().catch((error: unknown) => {
  if (error instanceof CliError) process.exit(reportCliError(error));
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
