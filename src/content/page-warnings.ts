// Everything the content script needs only once a page gives the rules a reason or a warning is to
// be shown: the person's settings (sensitivity, trusted sites, region, family contact, senior mode,
// the lock, browser policy), the page's signals, the verdict, the warning and its guard, the
// highlights. Issue 11: an ordinary page gives no reason, so this module is not even compiled
// there: it is part of the guard's module (guard-module.ts, the one web-accessible script, which
// the content script imports on a reason: load-guard-module.ts); the unit tests import it directly.
// If the guard cannot be loaded, the page is still warned: the background shows the full-tab
// warning instead (guard-unloaded.ts).
import { higherLevel, type AnalyzeResult, type Level, type PageSignals, type Sensitivity } from '../engine/types';
import type { Translate } from '../shared/explanation-text';
import { readSettings, type SettingsInForce, type StorageArea } from '../shared/read-settings';
import { familyContactOf, resolveRegion, SETTINGS_STORAGE_KEY } from '../shared/settings';
import { decideWarning, type SiteAnswer, type Verdict } from '../shared/verdict';
import { collectPageSignals } from './collect-page-signals';
import { clearHighlights, scrollToFirst, showHighlights } from './highlight-matches';
import { sendToBackground, type SendMessage } from './send-to-background';
import { warningContent } from './warning-content';
import { mountWarning, type MountedWarning } from './warning-overlay';

/** The part of the extension API the warnings use (guard-page.ts ContentBrowser fits). */
export interface WarningsBrowser {
  storage: { local: StorageArea; managed: StorageArea | null };
  runtime: { sendMessage: SendMessage };
  i18n: { getMessage(name: string, substitutions?: string | string[]): string };
}

/** What the warnings ask of the page's reader (guard-page.ts). */
export interface PageWarningsHooks {
  /** The phrases that decided the page's result, as DOM ranges (highlighted behind the warning). */
  ranges(): readonly Range[];
  /** A rule's own explanation in the person's language. */
  explain(ruleId: string): string;
  /** The settings in force changed (the policy came, or the options page saved); `before` is the sensitivity until now. */
  settingsChanged(before: Sensitivity): void;
}

export interface PageWarnings {
  /** Resolves once the person's own settings are read (policy refines them later: settingsChanged). */
  readonly ownSettings: Promise<void>;
  /** The person's sensitivity, 'standard' until the settings are read. */
  sensitivity(): Sensitivity;
  /** The page's links and fields (what a full analysis adds to the text). */
  signals(doc: Document): PageSignals;
  /** Shows what decideWarning says for this result and what the background said of the site, now. */
  show(result: AnalyzeResult, site: SiteAnswer | null): void;
  /** storage.onChanged: settings or policy changed. */
  storageChanged(changes: Record<string, unknown>, area: string): void;
  /** Takes the warning and the highlights down (the extension unloads, or the page is left). */
  stop(): void;
}

export function createPageWarnings(api: WarningsBrowser, win: Window & typeof globalThis, hooks: PageWarningsHooks): PageWarnings {
  const doc = win.document;
  const t: Translate = (name, substitutions) => api.i18n.getMessage(name, substitutions);
  const send = api.runtime.sendMessage;
  // The person's time zone picks the hotline (region.ts). A page's first Intl.DateTimeFormat costs
  // 13-17 ms (the browser loads its locale data): asked once, in a task of its own as the guard
  // starts, not in the task that opens the warning (issue 11: a 31-52 ms task on a page of
  // 100,000 elements).
  let timeZone: string | null = null;
  const zone = (): string => (timeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  setTimeout(zone, 0);

  /** The settings in force (the person's, with policy over them); null while unreadable: the defaults. */
  let inForce: SettingsInForce | null = null;
  /** Only the person's own settings are known so far: policy is still being read. */
  let policyPending = true;
  let stopped = false;
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
  const sensitivity = (): Sensitivity => inForce?.settings.sensitivity ?? 'standard';
  // This module is loaded only when there is something the settings could change (issue 11: an
  // ordinary page reads none): the rules are being loaded (the sensitivity decides the analysis),
  // or a verdict would show a warning (they can only quiet one: a trusted site).
  const ownSettings = loadSettings(false);
  void ownSettings
    .then(() => {
      const before = sensitivity();
      return loadSettings(true).then(() => {
        if (!stopped) hooks.settingsChanged(before);
      });
    })
    .catch(() => undefined);
  let ownRead = false;
  void ownSettings.then(() => (ownRead = true));

  /** The highest level the person acknowledged on this page. */
  let acknowledged: Level = 'none';
  /** The last result and site answer shown, kept so that a change of settings decides again. */
  let last: { result: AnalyzeResult; site: SiteAnswer | null } | null = null;
  let warning: { mounted: MountedWarning; key: string } | null = null;

  function leaveWarning(): void {
    if (warning === null) return;
    warning.mounted.remove();
    warning = null;
    clearHighlights(doc);
  }

  function show(result: AnalyzeResult, site: SiteAnswer | null): void {
    last = { result, site };
    if (stopped) return;
    const verdict = decideWarning({ textLevel: result.level, host: win.location.hostname, site, acknowledged, settings: inForce, policyPending });
    if (verdict.show === 'nothing') {
      leaveWarning();
      return;
    }
    // Settings only ever quiet a warning (a trusted site): without them nothing shows that they
    // would hide, and a warning waits for them once.
    if (!ownRead) {
      void ownSettings.then(() => {
        if (last && !stopped) show(last.result, last.site);
      });
      return;
    }
    showHighlights(hooks.ranges());
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
      explain: hooks.explain,
      trust: verdict.trust,
      timeZone: zone(),
      ...(settings
        ? {
            region: resolveRegion(settings, zone(), win.navigator.language),
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
      why: () => scrollToFirst(hooks.ranges()),
      trust,
      // The page keeps removing, hiding or covering the warning: it takes the whole tab (issue 11).
      // The background knows the page from the sender; the message names none.
      escalate: () => void sendToBackground(send, { kind: 'cs-bg-escalate' }).catch(() => undefined),
    });
  }

  return {
    ownSettings,
    sensitivity,
    signals: (page) => collectPageSignals(page),
    show,
    storageChanged(changes, area) {
      // Settings changed (the options page, the PIN page trusting this site, or a new policy): decide
      // again (a site now trusted loses its warning); a new sensitivity reads the page again, since
      // which passage decides depends on it.
      if (stopped || !((area === 'local' && SETTINGS_STORAGE_KEY in changes) || area === 'managed')) return;
      const before = sensitivity();
      void loadSettings(true).then(() => {
        if (!stopped) hooks.settingsChanged(before);
      });
    },
    stop() {
      stopped = true;
      leaveWarning();
    },
  };
}
