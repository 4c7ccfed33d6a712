// The background: one handler per message kind, and nothing is trusted until both the sender
// and the shape are checked (STYLE: "Messages typed by direction, senders checked"). A page
// cannot message us directly (no externally_connectable); a message from anything other than
// our content script in a tab, or our own extension pages, is ignored.
// It also keeps the rules current (rules-updater.ts): on install, on browser start, on an alarm,
// and on "Update now"; between those the worker sleeps.
import browser, { type Runtime } from 'webextension-polyfill';
import type { Level } from '../engine/types';
import { bundledRulesIssuedAt, bundledRulesVersion } from '../rules/bundled-rules';
import { trustedKeys } from '../rules/trusted-keys';
import { DEFAULT_FEED_URL } from '../shared/feed-url';
import { trustMode } from '../shared/read-settings';
import { checkFeedUrl, normalizeHost } from '../shared/settings';
import {
  isContentToBackgroundMessage,
  isUiToBackgroundMessage,
  type ContentToBackgroundMessage,
  type PageResultResponse,
  type PinResponse,
  type RulesStatusResponse,
  type TabStateResponse,
  type UiToBackgroundMessage,
} from '../shared/messages';
import { contentSender, type ContentSender } from './content-sender';
import { knownSites } from './known-sites';
import { checkPin } from './pin-gate';
import { createRulesUpdater } from './rules-updater';
import { clearTabBadge, setTabBadge } from './set-tab-badge';
import { acknowledgedLevel, acknowledgeSite, forgetTab, loadTabState, saveTabState } from './tab-store';
import { addTrustedSite, settingsInForce } from './trusted-sites';
import { isUiSender } from './ui-sender';
import { blockedPageUrl } from '../shared/blocked-page';

declare const __SCAM_SENTINEL_TEST_HOOKS__: boolean | undefined;
const TEST_HOOKS = typeof __SCAM_SENTINEL_TEST_HOOKS__ !== 'undefined' && __SCAM_SENTINEL_TEST_HOOKS__;
const UPDATE_ALARM = 'rules-update';

/** The feed's address: the settings' (set by policy or an imported file), else the project's. */
async function feedUrl(): Promise<string> {
  // Already validated with the settings (https, or this computer for development).
  const configured = (await settingsInForce()).settings.rulesFeedUrl;
  if (configured !== '') return configured;
  if (TEST_HOOKS) {
    // The e2e tests point the test build at `rules serve` on 127.0.0.1; release builds have no such door.
    const override = (await browser.storage.local.get('test.feedUrl'))['test.feedUrl'];
    const checked = checkFeedUrl(override);
    if (checked.ok && checked.value !== '') return checked.value;
  }
  return DEFAULT_FEED_URL;
}

const updater = createRulesUpdater({
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  random: () => Math.random(),
  storage: {
    get: (keys) => browser.storage.local.get(keys),
    set: (items) => browser.storage.local.set(items),
  },
  feedUrl,
  trustedKeys: trustedKeys(),
  extensionVersion: browser.runtime.getManifest().version,
  bundledVersion: bundledRulesVersion(),
  bundledIssuedAt: bundledRulesIssuedAt(),
  scheduleCheck: async (when) => {
    await browser.alarms.create(UPDATE_ALARM, { when });
  },
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

const RANK: Record<Level, number> = { none: 0, caution: 1, danger: 2 };

type ContentHandlers = {
  [K in ContentToBackgroundMessage['kind']]: (
    message: Extract<ContentToBackgroundMessage, { kind: K }>,
    sender: ContentSender,
  ) => Promise<PageResultResponse | void>;
};

type UiResponse = TabStateResponse | RulesStatusResponse | PinResponse;
type UiHandlers = {
  [K in UiToBackgroundMessage['kind']]: (message: Extract<UiToBackgroundMessage, { kind: K }>) => Promise<UiResponse>;
};

const contentHandlers: ContentHandlers = {
  'cs-bg-page-result': async (message, sender) => {
    // The content script runs in the top frame only; a frame's result never speaks for the tab.
    if (sender.frameId !== 0) return;
    const { findings, host, path } = message;
    const match = (await knownSites(bundledRulesVersion())).lookup(host, path);
    const listed = match ? { listId: match.listId } : null;
    // A listed site is dangerous whatever its text says.
    const level: Level = listed && RANK[message.level] < RANK.danger ? 'danger' : message.level;
    await Promise.all([
      saveTabState(sender.tabId, { level, findings, host, scannedAt: Date.now(), ...(listed ? { listed } : {}) }),
      setTabBadge(sender.tabId, level),
    ]);
    return { acknowledged: await acknowledgedLevel(host), listed };
  },
  'cs-bg-acknowledge': async (message) => {
    if (message.level === 'caution') {
      // Dismissing a caution banner: quiet for this session, nothing more.
      await acknowledgeSite(message.host, 'caution');
      return;
    }
    // "I trust this site" from the page itself counts only when nothing locks trusting; with a PIN
    // it goes through the unlock page ('ui-bg-trust-site'), and with policy it is not offered.
    if (trustMode(await settingsInForce()) !== 'direct') return;
    if (await addTrustedSite(message.host)) await acknowledgeSite(message.host, 'danger');
  },
  'cs-bg-request-trust': async (message, sender) => {
    const host = normalizeHost(message.host);
    if (host === null || trustMode(await settingsInForce()) !== 'pin') return;
    const url = new URL(browser.runtime.getURL('src/ui/unlock/index.html'));
    url.searchParams.set('host', host);
    await browser.tabs.create({ url: url.href, openerTabId: sender.tabId });
  },
  'cs-bg-escalate': async (_message, sender) => {
    if (sender.frameId !== 0 || !/^https?:/.test(sender.url)) return;
    const state = await loadTabState(sender.tabId);
    if (state === null || state.level === 'none') return;
    // tabs.update needs no `tabs` permission to open one of our own pages in the sender's tab.
    await browser.tabs.update(sender.tabId, { url: blockedPageUrl(sender.url, state, browser.runtime.getURL('').replace(/\/$/, '')) });
  },
};

const uiHandlers: UiHandlers = {
  'ui-bg-get-tab-state': async (message) => ({
    state: message.tabId === null ? null : await loadTabState(message.tabId),
    rules: await updater.status(),
  }),
  'ui-bg-get-rules-status': async () => ({ rules: await updater.status() }),
  'ui-bg-update-rules': async () => ({ rules: await updater.check('manual') }),
  'ui-bg-trust-site': async (message) => {
    const inForce = await settingsInForce();
    const mode = trustMode(inForce);
    if (mode === 'hidden') return { ok: false, waitMs: 0 };
    if (inForce.pinSet) {
      const check = await checkPin(message.pin);
      if (!check.ok) return check;
    }
    const added = await addTrustedSite(message.host);
    if (added) await acknowledgeSite(message.host, 'danger');
    return { ok: added, waitMs: 0 };
  },
  'ui-bg-verify-pin': async (message) => checkPin(message.pin),
  'ui-bg-trust-site-direct': async (message) => {
    // As "I trust this site" on the page: only when nothing locks trusting.
    if (trustMode(await settingsInForce()) !== 'direct') return { ok: false, waitMs: 0 };
    const added = await addTrustedSite(message.host);
    if (added) await acknowledgeSite(message.host, 'danger');
    return { ok: added, waitMs: 0 };
  },
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const fromContent = contentSender(sender, browser.runtime.id);
  if (fromContent !== null && isContentToBackgroundMessage(message)) {
    // The mapped types pair each handler with its kind; TypeScript cannot correlate the two
    // through an index, hence the widening here and nowhere else.
    const handler = contentHandlers[message.kind] as (m: ContentToBackgroundMessage, s: ContentSender) => Promise<PageResultResponse | void>;
    return handler(message, fromContent);
  }
  if (isUiSender(sender, browser.runtime.id, browser.runtime.getURL('')) && isUiToBackgroundMessage(message)) {
    const handler = uiHandlers[message.kind] as (m: UiToBackgroundMessage) => Promise<UiResponse>;
    return handler(message);
  }
  // No response: the sender's promise rejects and nothing is acted upon.
  return undefined;
});

// A tab that starts loading a new page, or closes, has no findings any more.
browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status !== 'loading') return;
  // The tab may close meanwhile; then there is nothing left to clear.
  Promise.all([forgetTab(tabId), clearTabBadge(tabId)]).catch(() => undefined);
});
browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId).catch(() => undefined);
});

// The rules feed. Listeners are registered synchronously at the top level, as MV3 requires for
// events to wake the worker. Failures are recorded in the status by the updater itself.
const logFailure = (error: unknown): void => console.warn('Scam Sentinel: rules update', error);
browser.runtime.onInstalled.addListener(() => {
  updater.check('install').catch(logFailure);
});
browser.runtime.onStartup.addListener(() => {
  updater.check('startup').catch(logFailure);
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) updater.check('alarm').catch(logFailure);
});
