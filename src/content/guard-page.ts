// The content script's wiring, with the browser passed in (content-script.ts passes the real one,
// tests/unit/content-script.test.ts a fake): read the settings and the rules in force, scan the
// page, show the verdict at once, tell the background, and decide again when its answer comes.
// The warning never waits for the background: a worker that is restarting, being updated or
// slow to wake on the first page after a browser start cannot leave a danger page unwarned
// (issue 10). The page is read whole, in slices that yield to it (page-scanner.ts), and then watched
// for text added, changed or revealed later, which is read alone (page-watcher.ts, issue 11).
import type { CompiledRules } from '../engine/compile-rules';
import { higherLevel, type AnalyzeResult, type Level, type LocalizedText } from '../engine/types';
import { reviveCompiled } from '../engine/serialize-compiled';
import { bundledCompiledOf, bundledCompiledStored, feedCompiledInForce, feedPrefilterInForce, RULES_KEYS, rulesChanged } from '../rules/rules-in-force';
import { createPrefilter, type SerializedPrefilter } from '../engine/prefilter';
import type { Translate } from '../shared/explanation-text';
import { readSettings, type SettingsInForce, type StorageArea } from '../shared/read-settings';
import { ruleExplanation } from './rule-explanation';
import { familyContactOf, resolveRegion, SETTINGS_STORAGE_KEY } from '../shared/settings';
import { decideWarning, type SiteAnswer, type Verdict } from '../shared/verdict';
import { clearHighlights, scrollToFirst, showHighlights } from './highlight-matches';
import { createPageScanner, type PageScanner, type StagedRules } from './page-scanner';
import { watchPage, type PageWatcher } from './page-watcher';
import { sendToBackground, type SendMessage } from './send-to-background';
import { summarizeResult } from './summarize-result';
import { warningContent } from './warning-content';
import { isOwnNode, mountWarning, type MountedWarning } from './warning-overlay';
import { now, SLICE_MS, yieldToPage } from './yield-to-page';

/**
 * A pause for reviving the rules (serialize-compiled.ts) that yields to the page once a slice's
 * time is spent: the rules are read in steps, none of them a long task (issue 11).
 */
export function pauseWhenDue(): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < SLICE_MS) return;
    await yieldToPage();
    since = now();
  };
}

/** Compiled rules from their JSON text (storage, or the background's answer), revived in slices. */
export function reviveRulesText(text: string): Promise<CompiledRules> {
  return reviveCompiled(JSON.parse(text), pauseWhenDue());
}

/** The part of the extension API the content script uses: webextension-polyfill's `browser` fits. */
export interface ContentBrowser {
  storage: {
    local: StorageArea;
    managed: StorageArea | null;
    onChanged: { addListener(listener: (changes: Record<string, unknown>, area: string) => void): void };
  };
  runtime: { sendMessage: SendMessage };
  i18n: { getMessage(name: string, substitutions?: string | string[]): string; getUILanguage(): string };
}

export interface GuardOptions {
  /** The bundled rules' version (virtual:rules-version). */
  bundledVersion: number;
  /** The bundled rules' first stage (virtual:prefilter), derived from them at build time. */
  bundledPrefilter: SerializedPrefilter;
  /**
   * The bundled compiled rules when storage has no copy of them yet (content-script.ts asks the
   * background, which reads the extension's own file): only on a page that gives a reason.
   */
  bundledRules(): Promise<CompiledRules>;
}

/** A guarded page: stop() leaves it (the warning and every observer), as when the extension unloads. */
export interface GuardedPage {
  stop(): void;
}

export async function guardPage(api: ContentBrowser, win: Window & typeof globalThis, options: GuardOptions): Promise<GuardedPage> {
  const doc = win.document;
  const t: Translate = (name, substitutions) => api.i18n.getMessage(name, substitutions);
  const send = api.runtime.sendMessage;

  /**
   * The full rules in force (rules-in-force.ts): a newer feed's, compiled by the background after
   * it verified them, else the bundled ones, compiled at build time (storage's copy, else the
   * background's). Reading them back costs tens of milliseconds, which only a page whose text
   * gives the prefilter a reason pays (issue 11); compiling here would cost a hundred more.
   */
  async function fullRules(): Promise<CompiledRules> {
    try {
      const stored = await feedCompiledInForce(api.storage.local, options.bundledVersion);
      if (stored !== null) return await reviveRulesText(stored);
    } catch (error) {
      // A damaged store must never leave a page unprotected: the bundled rules still work.
      console.debug('Scam Sentinel: stored rules unreadable, using the bundled ones', error);
    }
    // Listened for before the copy is read, so that a copy written in between is not missed.
    const copy = copyArrival();
    try {
      const bundled = await bundledCompiledStored(api.storage.local, options.bundledVersion);
      if (bundled !== null) {
        copy.cancel();
        return await reviveRulesText(bundled);
      }
    } catch (error) {
      console.debug('Scam Sentinel: stored copy of the bundled rules unreadable', error);
    }
    // No copy yet (the first page after install): the background's answer, or the copy if the
    // background writes it first (a worker that is restarting may never answer), whichever comes
    // first. A failed request fails as before: the next reason asks again.
    return new Promise<CompiledRules>((resolve, reject) => {
      let settled = false;
      const settle = (rules: Promise<CompiledRules>): void => {
        if (settled) return;
        settled = true;
        copy.cancel();
        rules.then(resolve, reject);
      };
      void copy.text.then((text) => settle(reviveRulesText(text)));
      options.bundledRules().then(
        (rules) => settle(Promise.resolve(rules)),
        (error: unknown) => settle(Promise.reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }

  /** Those waiting for the copy of the bundled rules to be written (storage.onChanged, below). */
  const copyWaiters = new Set<(text: string) => void>();
  /** The copy of the bundled rules when the background writes it; cancel() stops listening. */
  function copyArrival(): { text: Promise<string>; cancel(): void } {
    let waiter: ((text: string) => void) | null = null;
    const text = new Promise<string>((resolve) => {
      waiter = resolve;
      copyWaiters.add(resolve);
    });
    return { text, cancel: () => void (waiter && copyWaiters.delete(waiter)) };
  }

  /**
   * The rules in force in two stages: their prefilter now (the feed's from storage, validated,
   * else the bundled one), the full rules when a page gives it a reason. A feed whose prefilter is
   * missing or damaged gets one that lets every text through: slower, never blind.
   */
  async function rulesInForce(): Promise<StagedRules> {
    let serialized: SerializedPrefilter;
    try {
      serialized = (await feedPrefilterInForce(api.storage.local, options.bundledVersion)) ?? options.bundledPrefilter;
    } catch (error) {
      console.debug('Scam Sentinel: stored prefilter unreadable, reading every text', error);
      serialized = { ...options.bundledPrefilter, always: true };
    }
    let loaded: Promise<CompiledRules> | null = null;
    return {
      prefilter: createPrefilter(serialized),
      load: () => (loaded ??= fullRules().catch((error: unknown) => {
        loaded = null;
        throw error;
      })),
    };
  }

  /** The settings in force (the person's, with policy over them); null while unreadable: the defaults. */
  let inForce: SettingsInForce | null = null;
  /** Only the person's own settings are known so far: policy is still being read. */
  let policyPending = true;
  /**
   * Reads the settings: the person's own alone (storage.local, milliseconds), or with policy laid
   * over them. Chromium answers storage.managed only once its policy service has loaded, about
   * 2.6 s after a browser start (measured for issue 10): the first page after a start or an
   * install waited that long for its warning. So the first verdict uses the person's own settings
   * and policy refines it when it comes.
   */
  const loadSettings = async (withPolicy: boolean): Promise<void> => {
    try {
      inForce = await readSettings(api.storage.local, withPolicy ? api.storage.managed : null);
      if (withPolicy) policyPending = false;
    } catch (error) {
      console.debug('Scam Sentinel: settings unreadable, using the defaults', error);
    }
  };
  const sensitivityInForce = () => inForce?.settings.sensitivity ?? 'standard';
  /**
   * The settings are read only once there is something they could change (issue 11: an ordinary
   * page reads none): the rules are being loaded (the sensitivity decides the analysis), or a
   * verdict would show a warning (they can only quiet one: a trusted site). The person's own
   * first, then with policy (loadSettings); null until asked.
   */
  let settingsRead: Promise<void> | null = null;
  const ensureSettings = (): Promise<void> => {
    if (settingsRead === null) {
      settingsRead = loadSettings(false);
      const ownSensitivity = settingsRead.then(sensitivityInForce);
      void settingsRead.then(() => loadSettings(true)).then(async () => settingsChanged(await ownSensitivity));
    }
    return settingsRead;
  };

  let scanner: PageScanner | null = null;
  /** Reads what the page adds, changes or reveals after the first read; set once the rules are known. */
  let watcher: PageWatcher | null = null;
  /** Explanations of the rules in force by id: every rule explains itself (rule-explanation.ts). */
  let explanations = new Map<string, LocalizedText>();
  const useRules = (staged: StagedRules): PageScanner => {
    // Explanations are known once the full rules are: only a page that loaded them has findings.
    const rules: StagedRules = {
      prefilter: staged.prefilter,
      // The settings are read beside the rules: the analysis needs the sensitivity.
      load: () =>
        Promise.all([staged.load(), ensureSettings()]).then(([full]) => {
          explanations = new Map(full.rules.map((r) => [r.id, r.explanation]));
          scanner?.setSensitivity(sensitivityInForce());
          return full;
        }),
    };
    // The shadow roots, same-origin frames and boxes out of the flow the scanner meets are watched too.
    scanner = createPageScanner(doc, rules, sensitivityInForce(), {
      onRoot: (root) => watcher?.observe(root),
      onFrame: (frame) => watcher?.observeFrame(frame),
      onPlaced: (el) => watcher?.read(el),
    });
    return scanner;
  };
  const ranges = (): readonly Range[] => scanner?.ranges ?? [];
  const explain = (ruleId: string): string => ruleExplanation(explanations.get(ruleId), api.i18n.getUILanguage());

  /** What the background said about this site (listed? acknowledged?); null until it answers. */
  let site: SiteAnswer | null = null;
  /** The highest level the person acknowledged on this page. */
  let acknowledged: Level = 'none';
  /** The last result, kept so that a change of settings or the background's answer decides again. */
  let lastResult: AnalyzeResult | null = null;
  let warning: { mounted: MountedWarning; key: string } | null = null;
  let stopped = false;

  function leaveWarning(): void {
    warning?.mounted.remove();
    warning = null;
    clearHighlights(doc);
  }

  /** Shows what decideWarning says for this result, now, from what is known now. */
  function show(result: AnalyzeResult): void {
    const verdict = decideWarning({ textLevel: result.level, host: win.location.hostname, site, acknowledged, settings: inForce, policyPending });
    if (verdict.show === 'nothing') {
      leaveWarning();
      return;
    }
    // Settings only ever quiet a warning (a trusted site): without them nothing shows that they
    // would hide, and a warning waits for them once (they are read with the rules).
    if (settingsRead === null) {
      void ensureSettings().then(() => {
        if (lastResult && !stopped) show(lastResult);
      });
      return;
    }
    showHighlights(doc, ranges());
    // What the warning shows depends on these; settings that change none of them leave it drawn.
    const s = inForce?.settings;
    const key = JSON.stringify([verdict.show, verdict.listed, verdict.show === 'dialog' ? verdict.trust : '', s?.region, s?.familyContact, s?.seniorMode]);
    // The same warning stays up (a dialog is not drawn again, stealing focus, for every scan).
    if (warning?.key === key) return;
    warning?.mounted.remove();
    warning = { mounted: draw(result, verdict), key };
  }

  function draw(result: AnalyzeResult, verdict: Verdict): MountedWarning {
    const level = verdict.level === 'danger' ? 'danger' : 'caution';
    const trust = (): void => {
      if (level === 'danger' && verdict.trust === 'pin') {
        // The PIN is asked on an extension page the page cannot read; the warning stays until then.
        sendToBackground(send, { kind: 'cs-bg-request-trust' }).catch(() => undefined);
        return;
      }
      acknowledged = higherLevel(acknowledged, level);
      leaveWarning();
      sendToBackground(send, { kind: 'cs-bg-acknowledge', level }).catch(() => undefined);
    };
    const settings = inForce?.settings ?? null;
    const content = warningContent(result, t, {
      level,
      listed: verdict.listed,
      explain,
      trust: verdict.trust,
      ...(settings
        ? {
            region: resolveRegion(settings, Intl.DateTimeFormat().resolvedOptions().timeZone, win.navigator.language),
            familyContact: familyContactOf(settings),
            senior: settings.seniorMode,
          }
        : {}),
    });
    return mountWarning(doc, content, t, {
      leave: () => {
        // Back where the person came from, or an empty page if this tab opened here.
        if (win.history.length > 1) win.history.back();
        else win.location.replace('about:blank');
      },
      why: () => scrollToFirst(ranges()),
      trust,
      // The page keeps removing, hiding or covering the warning: it takes the whole tab (issue 11).
      // The background knows the page from the sender; the message names none.
      escalate: () => void sendToBackground(send, { kind: 'cs-bg-escalate' }).catch(() => undefined),
    });
  }

  /** The local verdict at once; the background's answer, when it comes, refines it. */
  function report(result: AnalyzeResult): void {
    lastResult = result;
    show(result);
    sendToBackground(send, summarizeResult(result, { t, explainRule: explain }))
      .then((answer) => {
        site = answer;
        if (lastResult && !stopped) show(lastResult);
      })
      .catch((error: unknown) => {
        // The background may be restarting (extension update): the warning is up already, and the
        // next change or load reports again.
        console.debug('Scam Sentinel: could not reach the background', error);
      });
  }

  /** New settings: a new sensitivity reads the page again; anything else decides again. */
  const settingsChanged = (before: string): void => {
    if (stopped) return;
    if (sensitivityInForce() !== before && scanner) {
      scanner.setSensitivity(sensitivityInForce());
      watcher?.rescan();
    } else if (lastResult) show(lastResult);
  };

  // The rules' first stage comes from storage.local (a feed's) or the bundle: one short wait before
  // the first scan; the settings are read only when needed (ensureSettings), the background and
  // policy never waited for.
  const rules = await rulesInForce();
  useRules(rules);
  // Added, changed and revealed text, and single-page apps' new views (page-watcher.ts); the first
  // read reports a warning as soon as a chunk gives one, without waiting for the rest of the page.
  const pageWatcher = watchPage(doc, {
    scanner: () => scanner ?? useRules(rules),
    report: (result) => {
      if (!stopped) report(result);
    },
    ignore: isOwnNode,
  });
  watcher = pageWatcher;
  pageWatcher.rescan();
  api.storage.onChanged.addListener((changes, area) => {
    if (stopped) return;
    // The copy of the bundled rules written while this page waited for them (fullRules), checked
    // as when read from storage: this build's version and format, a string.
    if (area === 'local' && copyWaiters.size > 0 && RULES_KEYS.bundled in changes) {
      const text = bundledCompiledOf((changes[RULES_KEYS.bundled] as { newValue?: unknown } | undefined)?.newValue, options.bundledVersion);
      if (text !== null) for (const waiter of [...copyWaiters]) waiter(text);
    }
    // New rules from the feed (the background swapped them): read the page again with them, so a
    // page that was clean is flagged without a reload. Only the extension writes its storage.
    if (area === 'local' && rulesChanged(changes)) {
      void rulesInForce().then((next) => {
        useRules(next);
        pageWatcher.rescan();
      });
    }
    // Settings changed (the options page, the PIN page trusting this site, or a new policy): decide
    // again (a site now trusted loses its warning); a new sensitivity reads the page again, since
    // which passage decides depends on it.
    if (settingsRead !== null && ((area === 'local' && SETTINGS_STORAGE_KEY in changes) || area === 'managed')) {
      const before = sensitivityInForce();
      void loadSettings(true).then(() => settingsChanged(before));
    }
  });
  return {
    stop() {
      stopped = true;
      pageWatcher.stop();
      leaveWarning();
    },
  };
}
