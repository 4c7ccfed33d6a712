// The content script's wiring, with the browser passed in (content-script.ts passes the real one,
// tests/unit/content-script.test.ts a fake): have the page's text scored, show the verdict at once,
// tell the background, and decide again when its answer comes. The text is scored by the
// extension's own background (issue 11: remote-analyzer.ts), which holds the engine and the rules;
// this script holds neither. The warning never waits for the background's answer to the report
// (issue 10): what only the background knows of the site (the lists, an acknowledgement) refines
// the verdict when it comes, and a worker slow to answer it leaves no danger page unwarned. The
// page is read whole, in slices that yield to it (page-scanner.ts), and then watched for text
// added, changed or revealed later, which is read alone (page-watcher.ts, issue 11). The settings,
// the verdict and the warning are a module of their own (page-warnings.ts), loaded only when a
// page gives the rules a reason or could be warned: an ordinary page never compiles them.
import type { AnalyzeResult, LocalizedText, Sensitivity } from '../engine/types';
import { rulesChanged } from '../rules/rules-keys';
import { pageLevel } from '../shared/page-level';
import type { Translate } from '../shared/explanation-text';
import type { StorageArea } from '../shared/read-settings';
import type { SiteAnswer } from '../shared/verdict';
import { ruleExplanation } from './rule-explanation';
import type { PageWarnings } from './page-warnings';
import type * as PageWarningsExports from './page-warnings';
import { createPageScanner, type PageScanner } from './page-scanner';
import { remoteAnalyzer } from './remote-analyzer';
import { watchPage, type PageWatcher } from './page-watcher';
import { sendToBackground, type SendMessage } from './send-to-background';
import { summarizeResult } from './summarize-result';
import { isOwnNode } from './warning-host';

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

/** A guarded page: stop() leaves it (the warning and every observer), as when the extension unloads. */
export interface GuardedPage {
  stop(): void;
}

/** What page-warnings.ts exports. */
export type PageWarningsModule = typeof PageWarningsExports;

/**
 * Loads the settings, the verdict and the warning (page-warnings.ts): the guard's module holds them
 * (guard-module.ts), the unit tests pass the module itself or one that fails to load. Asked for
 * only when a page gives the rules a reason or could be warned.
 */
export type LoadPageWarnings = () => Promise<PageWarningsModule>;

export async function guardPage(api: ContentBrowser, win: Window & typeof globalThis, loadWarnings: LoadPageWarnings): Promise<GuardedPage> {
  const doc = win.document;
  const t: Translate = (name, substitutions) => api.i18n.getMessage(name, substitutions);
  const send = api.runtime.sendMessage;
  let stopped = false;

  /** The settings, the verdict and the warning, once loaded (null before, and if they cannot be). */
  let warnings: PageWarnings | null = null;
  let warningsLoad: Promise<PageWarnings | null> | null = null;
  const loadedWarnings = (): Promise<PageWarnings | null> => {
    warningsLoad ??= loadWarnings().then(
      (module) => {
        if (stopped) return null;
        warnings = module.createPageWarnings(api, win, { ranges, explain, settingsChanged });
        // The page's first getMessage fetches the extension's messages from the browser in a
        // synchronous call (2–5 ms on the bench's first page): made now, while the background
        // scores the text, not in the task that draws the warning (issue 11, "warn fast").
        t('ext_name');
        return warnings;
      },
      (error: unknown) => {
        console.debug('Scam Sentinel: the warning could not be loaded', error);
        return null;
      },
    );
    return warningsLoad;
  };
  const sensitivityInForce = (): Sensitivity => warnings?.sensitivity() ?? 'standard';

  let scanner: PageScanner | null = null;
  /** Reads what the page adds, changes or reveals after the first read; set once the rules are known. */
  let watcher: PageWatcher | null = null;
  /** Explanations of the rules that fired, by id, as the background gave them: every rule explains itself (rule-explanation.ts). */
  const explanations = new Map<string, LocalizedText>();
  /**
   * A scanner whose chunks the background scores with the rules in force (a new one when the rules
   * change: the first stage again). The settings are read once a chunk gives a reason: the
   * analysis needs the sensitivity (and the page's signals, read by the same module).
   */
  const useRules = (): PageScanner => {
    const analyzer = remoteAnalyzer(
      send,
      async () => {
        await (await loadedWarnings())?.ownSettings;
        scanner?.setSensitivity(sensitivityInForce());
      },
      (fired) => {
        for (const [id, text] of Object.entries(fired)) explanations.set(id, text);
      },
    );
    // The shadow roots, same-origin frames and boxes out of the flow the scanner meets are watched too.
    scanner = createPageScanner(doc, analyzer, sensitivityInForce(), {
      onRoot: (root) => watcher?.observe(root),
      onFrame: (frame) => watcher?.observeFrame(frame),
      onPlaced: (el) => watcher?.read(el),
      readSignals: (page) => warnings?.signals(page) ?? {},
    });
    return scanner;
  };
  function ranges(): readonly Range[] {
    return scanner?.ranges ?? [];
  }
  function explain(ruleId: string): string {
    return ruleExplanation(explanations.get(ruleId), api.i18n.getUILanguage());
  }

  /** What the background said about this site (listed? acknowledged?); null until it answers. */
  let site: SiteAnswer | null = null;
  /** The last result, kept so that a change of settings or the background's answer decides again. */
  let lastResult: AnalyzeResult | null = null;
  /** The last report's answer, or its failure: the background keeps the tab's findings from then on. */
  let reported: Promise<void> = Promise.resolve();
  /** What the full-tab warning was last asked for, when the warning could not be loaded. */
  let escalatedFor = '';

  /**
   * Shows what the verdict says for the last result, from what is known now (page-warnings.ts
   * decides). A page whose level is none shows nothing whatever the settings say, and loads
   * nothing to say so (issue 11).
   */
  function present(): void {
    const result = lastResult;
    if (result === null || stopped) return;
    if (warnings) {
      warnings.show(result, site);
      return;
    }
    const level = pageLevel(result.level, site?.listed ?? null);
    if (level === 'none') return;
    void loadedWarnings().then((loaded) => {
      if (stopped || lastResult === null) return;
      if (loaded) loaded.show(lastResult, site);
      else cannotShow(level);
    });
  }

  /**
   * The warning could not be loaded (an extension update removed the file under the page, or a page
   * whose opaque origin Firefox refuses web-accessible files to: a `sandbox` CSP): the page must
   * still be warned, and no page script can stop what follows. The background shows its full-tab
   * warning (src/ui/blocked), as for a page that fights the warning, once it has the page's
   * findings (the report), unless the person trusted or acknowledged the site.
   */
  function cannotShow(level: string): void {
    if (escalatedFor === level) return;
    escalatedFor = level;
    void reported.then(() => sendToBackground(send, { kind: 'cs-bg-escalate', why: 'unshown' })).catch(() => undefined);
  }

  /** The local verdict at once; the background's answer, when it comes, refines it. */
  function report(result: AnalyzeResult): void {
    lastResult = result;
    present();
    reported = sendToBackground(send, summarizeResult(result, { t, explainRule: explain }))
      .then((answer) => {
        site = answer;
        present();
      })
      .catch((error: unknown) => {
        // The background may be restarting (extension update): the warning is up already, and the
        // next change or load reports again.
        console.debug('Scam Sentinel: could not reach the background', error);
      });
  }

  /** New settings: a new sensitivity reads the page again; anything else decides again. */
  function settingsChanged(before: Sensitivity): void {
    if (stopped) return;
    if (sensitivityInForce() !== before && scanner) {
      scanner.setSensitivity(sensitivityInForce());
      watcher?.rescan();
    } else present();
  }

  // The settings are read only when needed (page-warnings.ts); policy is never waited for.
  useRules();
  // Added, changed and revealed text, and single-page apps' new views (page-watcher.ts); the first
  // read reports a warning as soon as a chunk gives one, without waiting for the rest of the page.
  const pageWatcher = watchPage(doc, {
    scanner: () => scanner ?? useRules(),
    report: (result) => {
      if (!stopped) report(result);
    },
    ignore: isOwnNode,
  });
  watcher = pageWatcher;
  pageWatcher.rescan();
  api.storage.onChanged.addListener((changes, area) => {
    if (stopped) return;
    // New rules from the feed (the background swapped them): read the page again with them, so a
    // page that was clean is flagged without a reload. Only the extension writes its storage.
    if (area === 'local' && rulesChanged(changes)) {
      useRules();
      pageWatcher.rescan();
    }
    // Settings changed: page-warnings.ts reads them again and calls settingsChanged.
    warnings?.storageChanged(changes, area);
  });
  return {
    stop() {
      stopped = true;
      pageWatcher.stop();
      warnings?.stop();
    },
  };
}
