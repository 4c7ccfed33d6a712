// The rules the background scores page text with (answer-analyze.ts), held in memory for the
// worker's life (issue 11): the accepted feed's when it is in force (rules-in-force.ts), else the
// bundled ones. The prefilter is ready at once (the bundled one is in this script; a feed's is
// stored beside its rules); the full rules are read only when a page gives a reason: the feed's
// from storage.local, the bundled ones from the extension's own files (rules/compiled.json and
// the arrays' bytes in rules/compiled.bin, not web-accessible). Each call checks the small version
// key, so rules swapped by the updater are used from the next chunk on, in a worker that woke with
// the old ones or not.
//
// Reading the full rules is the worker's longest job (1.9 MB; on the first page after install
// it ran while that page's first chunks waited): it goes in steps that yield to the worker
// (yield-to-worker.ts), so a chunk that comes meanwhile is answered by the prefilter at once and
// the page prepares its full analysis while the rules are read (issue 11, "warn fast").
import browser from 'webextension-polyfill';
import bundledPrefilter from 'virtual:prefilter';
import type { CompiledRules } from '../engine/compile-rules';
import { createPrefilter, type SerializedPrefilter } from '../engine/prefilter';
import { joinSplitRules, reviveCompiled } from '../engine/serialize-compiled';
import { parseTextModel, type TextModel } from '../engine/text-model';
import { feedCompiledInForce, feedPrefilterInForce, rulesVersionInForce } from '../rules/rules-in-force';
import { warmUpAnalyzer, warmUpPrefilter, type RulesForPages } from './answer-analyze';
import { yieldToWorker } from './yield-to-worker';

/** Where the build puts the bundled compiled rules: an extension file no page may fetch. */
const BUNDLED_RULES_PATH = 'rules/compiled.json';
/** Their typed arrays' bytes (BUNDLED_RULES_BYTES_FILE), beside it. */
const BUNDLED_RULES_BYTES_PATH = 'rules/compiled.bin';

let bundledFull: Promise<CompiledRules> | null = null;

/**
 * A response's text, decoded in a step of its own: `response.text()` decodes in the same task that
 * takes the body's last bytes, one long task the worker's messages wait behind.
 */
async function readText(response: Response): Promise<string> {
  const bytes = await response.arrayBuffer();
  await yieldToWorker();
  return new TextDecoder().decode(bytes);
}

/** A feed's compiled rules from their JSON, parsed and revived in steps that yield to the worker. */
async function reviveJson(text: string): Promise<CompiledRules> {
  await yieldToWorker();
  const value: unknown = JSON.parse(text);
  await yieldToWorker();
  return reviveCompiled(value, yieldToWorker);
}

/** The bundled compiled rules, read once per worker life from the extension's own file. */
function bundledRules(): Promise<CompiledRules> {
  bundledFull ??= (async () => {
    const [json, bytes] = await Promise.all([fetch(browser.runtime.getURL(BUNDLED_RULES_PATH)), fetch(browser.runtime.getURL(BUNDLED_RULES_BYTES_PATH))]);
    if (!json.ok || !bytes.ok) throw new Error(`bundled rules: HTTP ${json.status}, ${bytes.status}`);
    const [text, buffer] = await Promise.all([readText(json), bytes.arrayBuffer()]);
    await yieldToWorker();
    const value: unknown = JSON.parse(text);
    await yieldToWorker();
    return reviveCompiled(joinSplitRules(value, buffer), yieldToWorker);
  })();
  bundledFull.catch(() => {
    bundledFull = null;
  });
  return bundledFull;
}

/** The full rules of a feed in force; a damaged store falls back to the bundled ones, which still protect. */
async function feedRules(bundledVersion: number): Promise<CompiledRules> {
  try {
    const stored = await feedCompiledInForce(browser.storage.local, bundledVersion);
    if (stored !== null) return await reviveJson(stored);
  } catch (error) {
    console.warn('Scam Sentinel: stored rules unreadable, using the bundled ones', error);
  }
  return bundledRules();
}

/** A loader that remembers its one load, and forgets a failed one (asked again at the next reason). */
function once(load: () => Promise<CompiledRules>): () => Promise<CompiledRules> {
  let loading: Promise<CompiledRules> | null = null;
  return () => {
    loading ??= load();
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
}

/** Where the build puts the learned model's weights (BUNDLED_MODEL_FILE): an extension file no page may fetch. */
const BUNDLED_MODEL_PATH = 'model/text-model.json';

let bundledModelLoad: Promise<TextModel | null> | null = null;

/**
 * The learned second opinion, read once per worker life from the extension's own file and checked
 * (parseTextModel). A missing or damaged file leaves the rules to score alone, and is tried again
 * at the next page that gives a reason.
 */
export function bundledModel(): Promise<TextModel | null> {
  bundledModelLoad ??= (async () => {
    try {
      const response = await fetch(browser.runtime.getURL(BUNDLED_MODEL_PATH));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await readText(response);
      await yieldToWorker();
      return parseTextModel(JSON.parse(text));
    } catch (error) {
      console.warn('Scam Sentinel: the learned model could not be read; the rules score alone', error);
      bundledModelLoad = null;
      return null;
    }
  })();
  return bundledModelLoad;
}

let held: { key: string; rules: RulesForPages } | null = null;

/** The rules in force, in their two stages, for `bundledVersion` (virtual:rules-version). */
export async function rulesForPages(bundledVersion: number): Promise<RulesForPages> {
  const { version, source } = await rulesVersionInForce(browser.storage.local, bundledVersion);
  const key = `${source}:${version}`;
  if (held?.key === key) return held.rules;
  let rules: RulesForPages;
  if (source === 'bundled') {
    rules = { prefilter: createPrefilter(bundledPrefilter), full: bundledRules, model: bundledModel };
  } else {
    let serialized: SerializedPrefilter;
    try {
      serialized = (await feedPrefilterInForce(browser.storage.local, bundledVersion)) ?? bundledPrefilter;
    } catch (error) {
      // A feed whose prefilter is missing or damaged: every text is read in full. Slower, never blind.
      console.warn('Scam Sentinel: stored prefilter unreadable, reading every text', error);
      serialized = { ...bundledPrefilter, always: true };
    }
    rules = { prefilter: createPrefilter(serialized), full: once(() => feedRules(bundledVersion)), model: bundledModel };
  }
  held = { key, rules };
  return rules;
}

/**
 * Gets the rules in force ready before the first pages need them (on install, update and browser
 * start, when those pages are already loading): the prefilter first, which their first chunks
 * need, then the full rules and the model, then the engine run once (answer-analyze.ts).
 */
export async function preloadRules(bundledVersion: number): Promise<void> {
  // The model is the bundled file whatever rules are in force: asked for before the storage read
  // that says which rules are, and the rules' files before the prefilter's warm-up, so that the
  // browser reads them meanwhile.
  bundledModel().catch(() => undefined);
  const rules = await rulesForPages(bundledVersion);
  rules.full().catch(() => undefined);
  warmUpPrefilter(rules);
  await yieldToWorker();
  await warmUpAnalyzer(rules, yieldToWorker);
}
