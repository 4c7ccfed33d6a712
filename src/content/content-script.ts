// Runs in every http(s) page, top frame only, at document_end (manifest.json): the page is read as
// soon as it is parsed, in slices that yield to it (page-scanner.ts).
// Reads the visible text, scores it on the device, and tells the background the level and
// which rules fired with their quoted phrases, never the page text (DESIGN, "What it must do" 1).
// Then watches for text added or revealed later and reads only that (page-watcher.ts).
// Built as one self-contained IIFE (vite.config.ts) so the page cannot fetch extension code.
import compiledRules, { version as bundledVersion } from 'virtual:compiled-rules';
import browser from 'webextension-polyfill';
import type { CompiledRules } from '../engine/compile-rules';
import type { AnalyzeResult, Level, LocalizedText, Sensitivity } from '../engine/types';
import { explanationKey } from '../engine/analyze';
import { deserializeCompiled, type SerializedRules } from '../engine/serialize-compiled';
import type { ListedSite } from '../shared/messages';
import { ruleExplanation } from '../shared/rule-explanation';
import { RULES_KEYS } from '../shared/rules-status';
import { readSettings, trustMode, type SettingsInForce } from '../shared/read-settings';
import { familyContactOf, isTrustedHost, resolveRegion, SETTINGS_STORAGE_KEY } from '../shared/settings';
import { summarizeResult } from '../shared/summarize-result';
import type { Translate } from '../shared/explanation-text';
import { clearHighlights, scrollToFirst, showHighlights } from './highlight-matches';
import { createPageScanner, type PageScanner } from './page-scanner';
import { watchPage, type PageWatcher } from './page-watcher';
import { sendAcknowledge, sendEscalate, sendPageResult, sendRequestTrust } from './send-to-background';
import { warningContent } from './warning-content';
import { isOwnNode, mountWarning, type MountedWarning } from './warning-overlay';

/**
 * The rules in force: a newer feed's, compiled by the background after it verified them
 * (rules-updater.ts), else the bundled ones, compiled at build time. Reading either back costs a
 * few milliseconds per page; compiling here would cost a hundred. Only the small version key is
 * read unless a newer feed is in force.
 */
async function rulesInForce(): Promise<CompiledRules> {
  try {
    const version = (await browser.storage.local.get(RULES_KEYS.version))[RULES_KEYS.version];
    if (typeof version === 'number' && version > bundledVersion) {
      const stored = (await browser.storage.local.get(RULES_KEYS.compiled))[RULES_KEYS.compiled];
      if (typeof stored === 'string') return deserializeCompiled(JSON.parse(stored) as SerializedRules);
    }
  } catch (error) {
    // A damaged store must never leave a page unprotected: the bundled rules still work.
    console.debug('Scam Sentinel: stored rules unreadable, using the bundled ones', error);
  }
  return deserializeCompiled(compiledRules);
}

let scanner: PageScanner;
/** Explanations of the rules in force by id: feed rules explain themselves (rule-explanation.ts). */
let explanations = new Map<string, LocalizedText>();

/** The sensitivity the page is read at: the person's setting, or policy's. */
const sensitivityInForce = (): Sensitivity => inForce?.settings.sensitivity ?? 'standard';

let watcher: PageWatcher | null = null;

function useRules(rules: CompiledRules): void {
  scanner = createPageScanner(document, rules, sensitivityInForce(), {
    onRoot: (root) => watcher?.observe(root),
    onFrame: (frame) => watcher?.observeFrame(frame),
    onPlaced: (el) => watcher?.read(el),
  });
  explanations = new Map(rules.rules.map((r) => [r.id, r.explanation]));
}

const explain = (ruleId: string): string => ruleExplanation(explanations.get(ruleId), browser.i18n.getUILanguage());

const t: Translate = (name, substitutions) => browser.i18n.getMessage(name, substitutions);
let warning: MountedWarning | null = null;
/** The highest level acknowledged on this site this session: warnings up to it are not shown. */
let acknowledged: Level = 'none';
const RANK: Record<Level, number> = { none: 0, caution: 1, danger: 2 };

/** The settings in force (the person's, with policy over them): re-read when either changes. */
let inForce: SettingsInForce | null = null;
/**
 * Whether browser policy (storage.managed) has answered. On the first page after the browser
 * starts it can take seconds (2.5 s in Chromium, issue 11: "first page after install"); the page
 * is read and warned meanwhile with the person's own settings, and "I trust this site" is not
 * offered until policy is known, since policy may forbid it.
 */
let policyKnown = false;
const POLICY_WAIT_MS = 150;
const loadSettings = async (): Promise<void> => {
  const full = readSettings(browser.storage.local, browser.storage.managed).then((settings) => {
    policyKnown = true;
    return settings;
  });
  const first = await Promise.race([full, new Promise<null>((resolve) => setTimeout(() => resolve(null), POLICY_WAIT_MS))]);
  if (first !== null) {
    inForce = first;
    return;
  }
  inForce = await readSettings(browser.storage.local, null);
  void full.then((settings) => applySettings(settings)).catch(() => undefined);
};

function leaveWarning(): void {
  warning?.remove();
  warning = null;
  clearHighlights(document);
}

/**
 * Shows the warning for the result's level, unless that level was acknowledged on this site or the
 * person trusts the site. A site on a public list of scam sites is dangerous whatever its text says.
 */
function warn(textResult: AnalyzeResult, listed: ListedSite | null): void {
  const result: AnalyzeResult = listed ? { ...textResult, level: 'danger' } : textResult;
  if (RANK[result.level] <= RANK[acknowledged]) return;
  const settings = inForce?.settings ?? null;
  if (settings && isTrustedHost(settings, location.hostname)) return;
  showHighlights(document, scanner.ranges);
  if (warning && (warning.level === result.level || warning.level === 'danger')) return;
  warning?.remove();
  const level = result.level === 'danger' ? 'danger' : 'caution';
  const mode = inForce ? (policyKnown ? trustMode(inForce) : 'hidden') : 'direct';
  const trust = (): void => {
    if (level === 'danger' && mode === 'pin') {
      // The PIN is asked on an extension page the page cannot read; the warning stays until then.
      sendRequestTrust({ kind: 'cs-bg-request-trust', host: location.hostname }).catch(() => undefined);
      return;
    }
    acknowledged = level;
    leaveWarning();
    sendAcknowledge({ kind: 'cs-bg-acknowledge', host: location.hostname, level }).catch(() => undefined);
  };
  const content = warningContent(result, t, {
    listed,
    explain,
    ...(settings
      ? {
          region: resolveRegion(settings, Intl.DateTimeFormat().resolvedOptions().timeZone, navigator.language),
          familyContact: familyContactOf(settings),
          senior: settings.seniorMode,
          trust: mode,
        }
      : {}),
  });
  warning = mountWarning(document, content, t, {
    leave: () => {
      // Back where the person came from, or an empty page if this tab opened here.
      if (history.length > 1) history.back();
      else location.replace('about:blank');
    },
    why: () => scrollToFirst(scanner.ranges),
    trust,
    // The page keeps removing, hiding or covering the warning: it takes the whole tab.
    escalate: () => void sendEscalate({ kind: 'cs-bg-escalate' }).catch(() => undefined),
  });
}

/** The last result, kept so that other changes of settings (a family contact, the PIN) show at once. */
let lastResult: AnalyzeResult | null = null;

function report(result: AnalyzeResult): void {
  lastResult = result;
  const explainNew = (id: string): string => (t(explanationKey(id)) ? '' : explain(id));
  sendPageResult(summarizeResult(result, location.hostname, location.pathname, { t, explainNew }))
    .then((response) => {
      if (RANK[response.acknowledged] > RANK[acknowledged]) acknowledged = response.acknowledged;
      warn(result, response.listed);
    })
    .catch((error: unknown) => {
      // The background may be restarting (extension update); the next change or load reports again.
      console.debug('Scam Sentinel: could not reach the background', error);
    });
}

async function start(): Promise<void> {
  // Settings and rules come from storage side by side: one wait, not two, before the first scan.
  const [, rules] = await Promise.all([
    loadSettings().catch((error: unknown) => console.debug('Scam Sentinel: settings unreadable, using the defaults', error)),
    rulesInForce(),
  ]);
  useRules(rules);
  // Added, changed and revealed text, and single-page apps' new views (page-watcher.ts).
  watcher = watchPage(document, { scanner: () => scanner, report, ignore: isOwnNode });
  watcher.rescan();
  // New rules from the feed (the background swapped them): read the page again with them, so a
  // page that was clean is flagged without a reload. Only the extension writes its storage.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && RULES_KEYS.version in changes) {
      void rulesInForce().then((rules) => {
        useRules(rules);
        watcher?.rescan();
      });
    }
    // Settings changed (the options page, the PIN page trusting this site, or a new policy):
    // a site now trusted loses its warning; a new sensitivity reads the page again, since which
    // passage decides depends on it.
    if ((area === 'local' && SETTINGS_STORAGE_KEY in changes) || area === 'managed') {
      void readSettings(browser.storage.local, browser.storage.managed).then(applySettings);
    }
  });
}

/** New settings in force: a site now trusted loses its warning; a new sensitivity reads the page again. */
function applySettings(settings: SettingsInForce): void {
  const before = sensitivityInForce();
  inForce = settings;
  policyKnown = true;
  if (isTrustedHost(settings.settings, location.hostname)) leaveWarning();
  else if (sensitivityInForce() !== before) {
    scanner.setSensitivity(sensitivityInForce());
    watcher?.rescan();
  } else if (lastResult) report(lastResult);
}

void start();
