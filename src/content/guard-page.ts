// The content script's wiring, with the browser passed in (content-script.ts passes the real one,
// tests/unit/content-script.test.ts a fake): have the page's text scored, show the verdict at once,
// tell the background, and decide again when its answer comes. The text is scored by the
// extension's own background (issue 11: remote-analyzer.ts), which holds the engine and the rules;
// this script holds neither. The warning never waits for the background's answer to the report
// (issue 10): what only the background knows of the site (the lists, an acknowledgement) refines
// the verdict when it comes, and a worker slow to answer it leaves no danger page unwarned. The
// page is read whole, in slices that yield to it (page-scanner.ts), and then watched for text
// added, changed or revealed later, which is read alone (page-watcher.ts, issue 11).
import { higherLevel, type AnalyzeResult, type Level, type LocalizedText } from '../engine/types';
import { rulesChanged } from '../rules/rules-keys';
import type { Translate } from '../shared/explanation-text';
import { readSettings, type SettingsInForce, type StorageArea } from '../shared/read-settings';
import { ruleExplanation } from './rule-explanation';
import { familyContactOf, resolveRegion, SETTINGS_STORAGE_KEY } from '../shared/settings';
import { decideWarning, type SiteAnswer, type Verdict } from '../shared/verdict';
import { clearHighlights, scrollToFirst, showHighlights } from './highlight-matches';
import { createPageScanner, type PageScanner } from './page-scanner';
import { remoteAnalyzer } from './remote-analyzer';
import { watchPage, type PageWatcher } from './page-watcher';
import { sendToBackground, type SendMessage } from './send-to-background';
import { summarizeResult } from './summarize-result';
import { warningContent } from './warning-content';
import { isOwnNode, mountWarning, type MountedWarning } from './warning-overlay';

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

export async function guardPage(api: ContentBrowser, win: Window & typeof globalThis): Promise<GuardedPage> {
  const doc = win.document;
  const t: Translate = (name, substitutions) => api.i18n.getMessage(name, substitutions);
  const send = api.runtime.sendMessage;

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
  /** Explanations of the rules that fired, by id, as the background gave them: every rule explains itself (rule-explanation.ts). */
  const explanations = new Map<string, LocalizedText>();
  /**
   * A scanner whose chunks the background scores with the rules in force (a new one when the rules
   * change: the first stage again). The settings are read once a chunk gives a reason: the
   * analysis needs the sensitivity.
   */
  const useRules = (): PageScanner => {
    const analyzer = remoteAnalyzer(
      send,
      async () => {
        await ensureSettings();
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

  // The settings are read only when needed (ensureSettings); policy is never waited for.
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
