// The background's answers to its content scripts, one handler per message kind, each typed
// with its reply (messages.ts ContentReplies). The site a message is about is always the
// sender's (content-sender.ts), never a host named in the message. Every browser API is passed
// in, so the unit tests drive the handlers with fakes (tests/unit/content-handlers.test.ts).
import type { Level } from '../engine/types';
import type { ContentReplies, ContentToBackgroundMessage, EscalateReason, ListedSite, TabState } from '../shared/messages';
import type { SettingsInForce, TrustMode } from '../shared/read-settings';
import { decideWarning, pageLevel } from '../shared/verdict';
import { answerAnalyze, type RulesForPages } from './answer-analyze';
import type { ContentSender } from './content-sender';

export interface ContentHandlerDeps {
  /** The known-scam-site lists in force (known-sites.ts). */
  lookupSite(host: string, path: string): Promise<ListedSite | null>;
  saveTabState(tabId: number, state: TabState): Promise<void>;
  setTabBadge(tabId: number, level: Level): Promise<void>;
  acknowledgedLevel(host: string): Promise<Level>;
  acknowledgeSite(host: string, level: 'caution' | 'danger'): Promise<void>;
  trustMode(): Promise<TrustMode>;
  /** The settings in force (trusted sites, the lock), for a page that could not decide for itself. */
  settingsInForce(): Promise<Pick<SettingsInForce, 'settings' | 'pinSet' | 'pinRequired'>>;
  addTrustedSite(host: string): Promise<boolean>;
  /** Opens the extension's own PIN page for "I trust this site" on `host`. */
  openUnlockPage(host: string, openerTabId: number): Promise<void>;
  /** What the tab's page was found to be (tab-store.ts). */
  loadTabState(tabId: number): Promise<TabState | null>;
  /** Shows the full-tab warning (src/ui/blocked) in the tab, for the page at `pageUrl` (issue 11). */
  openBlockedPage(tabId: number, pageUrl: string, state: TabState, why: EscalateReason): Promise<void>;
  now(): number;
  /** The rules in force, held in memory (rules-for-pages.ts): what page text is scored with. */
  rulesForPages(): Promise<RulesForPages>;
}

export type ContentHandlers = {
  [K in ContentToBackgroundMessage['kind']]: (message: Extract<ContentToBackgroundMessage, { kind: K }>, sender: ContentSender) => Promise<ContentReplies[K]>;
};

export function createContentHandlers(deps: ContentHandlerDeps): ContentHandlers {
  return {
    'cs-bg-page-result': async (message, sender) => {
      const { host, path, tabId } = sender;
      const [listed, acknowledged] = await Promise.all([deps.lookupSite(host, path), deps.acknowledgedLevel(host)]);
      // The content script runs in the top frame only; a frame's result never speaks for the tab.
      if (sender.frameId === 0) {
        const level = pageLevel(message.level, listed);
        await Promise.all([
          deps.saveTabState(tabId, { level, findings: message.findings, host, scannedAt: deps.now(), ...(listed ? { listed } : {}) }),
          deps.setTabBadge(tabId, level),
        ]);
      }
      return { acknowledged, listed };
    },
    'cs-bg-acknowledge': async (message, sender) => {
      if (message.level === 'caution') {
        // Dismissing a caution banner: quiet for this session, nothing more.
        await deps.acknowledgeSite(sender.host, 'caution');
        return;
      }
      // "I trust this site" from the page itself counts only when nothing locks trusting; with a PIN
      // it goes through the unlock page ('ui-bg-trust-site'), and with policy it is not offered.
      if ((await deps.trustMode()) !== 'direct') return;
      if (await deps.addTrustedSite(sender.host)) await deps.acknowledgeSite(sender.host, 'danger');
    },
    'cs-bg-request-trust': async (_message, sender) => {
      if ((await deps.trustMode()) !== 'pin') return;
      await deps.openUnlockPage(sender.host, sender.tabId);
    },
    // A chunk of page text, scored here rather than on the page's main thread (issue 11). The
    // score depends on the text alone: the same rules for every page, and nothing of the text is
    // kept once answered. The first stage's whole page (first-stage.ts), once cleared, is what the
    // page would otherwise have reported: the tab is recorded clean here, unless its site is on a
    // list, which is a reason for the page's guard to start (and report) after all.
    'cs-bg-analyze': async (message, sender) => {
      const reply = await answerAnalyze(message, await deps.rulesForPages());
      if (reply.verdict !== 'clear' || message.firstStage !== 'page' || sender.frameId !== 0) return reply;
      const { host, path, tabId } = sender;
      if ((await deps.lookupSite(host, path)) !== null) return { verdict: 'reason' };
      await Promise.all([deps.saveTabState(tabId, { level: 'none', findings: [], host, scannedAt: deps.now() }), deps.setTabBadge(tabId, 'none')]);
      return reply;
    },
    'cs-bg-escalate': async (message, sender) => {
      // The page keeps fighting the on-page warning: the warning fills the tab instead. Only the top
      // frame speaks for the tab, and only a page already found to be a scam is replaced.
      if (sender.frameId !== 0) return;
      const state = await deps.loadTabState(sender.tabId);
      if (state === null || state.level === 'none' || state.host !== sender.host) return;
      const why = message.why ?? 'fought';
      if (why === 'unshown') {
        // The page could not load its warning (guard-page.ts), nor so read the settings: decide here
        // what it would have decided (verdict.ts): a site the person trusted or acknowledged stays.
        const [settings, acknowledged] = await Promise.all([deps.settingsInForce(), deps.acknowledgedLevel(sender.host)]);
        const verdict = decideWarning({ textLevel: state.level, host: sender.host, site: { listed: state.listed ?? null, acknowledged }, acknowledged: 'none', settings });
        if (verdict.show === 'nothing') return;
      }
      await deps.openBlockedPage(sender.tabId, sender.url, state, why);
    },
  };
}
