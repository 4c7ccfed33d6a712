// The background: one handler per message kind, and nothing is trusted until both the sender
// and the shape are checked (STYLE: "Messages typed by direction, senders checked"). A page
// cannot message us directly (no externally_connectable); a message from anything other than
// our content script in a tab, or our own extension pages, is ignored.
// It also keeps the rules current (rules-updater.ts): on install, on browser start, on an alarm,
// and on "Update now"; between those the worker sleeps.
import browser, { type Runtime } from 'webextension-polyfill';
import { version as bundledVersion } from 'virtual:rules-version';
import { bundledRulesIssuedAt, RULES_KEYS } from '../rules/rules-in-force';
import { trustedKeys } from '../rules/trusted-keys';
import { trustMode } from '../shared/read-settings';
import { checkFeedUrl } from '../shared/settings';
import { isContentToBackgroundMessage, isUiToBackgroundMessage, type ContentToBackgroundMessage, type UiReplies, type UiToBackgroundMessage } from '../shared/messages';
import { createContentHandlers } from './content-handlers';
import { contentSender, type ContentSender } from './content-sender';
import { DEFAULT_FEED_URL } from './feed-url';
import { knownSites } from './known-sites';
import { checkPin } from './pin-gate';
import { createRulesUpdater } from './rules-updater';
import { preloadRules, rulesForPages } from './rules-for-pages';
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
  bundledVersion,
  bundledIssuedAt: bundledRulesIssuedAt(),
  scheduleCheck: async (when) => {
    await browser.alarms.create(UPDATE_ALARM, { when });
  },
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

type UiHandlers = {
  [K in UiToBackgroundMessage['kind']]: (message: Extract<UiToBackgroundMessage, { kind: K }>) => Promise<UiReplies[K]>;
};

const contentHandlers = createContentHandlers({
  rulesForPages: () => rulesForPages(bundledVersion),
  lookupSite: async (host, path) => {
    const match = (await knownSites(bundledVersion)).lookup(host, path);
    return match ? { listId: match.listId } : null;
  },
  saveTabState,
  setTabBadge,
  acknowledgedLevel,
  acknowledgeSite,
  trustMode: async () => trustMode(await settingsInForce()),
  settingsInForce,
  addTrustedSite,
  openUnlockPage: async (host, openerTabId) => {
    const url = new URL(browser.runtime.getURL('src/ui/unlock/index.html'));
    url.searchParams.set('host', host);
    await browser.tabs.create({ url: url.href, openerTabId });
  },
  loadTabState,
  openBlockedPage: async (tabId, pageUrl, state, why) => {
    // tabs.update needs no `tabs` permission to open one of our own pages in the sender's tab.
    await browser.tabs.update(tabId, { url: blockedPageUrl(pageUrl, state, browser.runtime.getURL('').replace(/\/$/, ''), why) });
  },
  now: () => Date.now(),
});

/**
 * The test build's "silent background" (tests/e2e/verdict.spec.ts): with `test.silentBackground`
 * set, content scripts get no answer to their reports (what the background knows of the site: the
 * lists, an acknowledgement), as when those are slow, and the page must still be warned. The
 * scoring of the page's text is answered (issue 11: it happens here). Release builds have no such door.
 */
async function silentForTests(): Promise<boolean> {
  if (!TEST_HOOKS) return false;
  return (await browser.storage.local.get('test.silentBackground'))['test.silentBackground'] === true;
}

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
  // The page's host and path come from the sender, never from the message (content-sender.ts).
  const fromContent = contentSender(sender, browser.runtime.id);
  if (fromContent !== null && isContentToBackgroundMessage(message)) {
    // The mapped types pair each handler with its kind; TypeScript cannot correlate the two
    // through an index, hence the widening here and nowhere else.
    const handler = contentHandlers[message.kind] as (m: ContentToBackgroundMessage, s: ContentSender) => Promise<unknown>;
    // The page's text is scored here (issue 11), so only its other messages can be silenced.
    if (message.kind === 'cs-bg-analyze') return handler(message, fromContent);
    return silentForTests().then((silent) => (silent ? new Promise<never>(() => undefined) : handler(message, fromContent)));
  }
  if (isUiSender(sender, browser.runtime.id, browser.runtime.getURL('')) && isUiToBackgroundMessage(message)) {
    const handler = uiHandlers[message.kind] as (m: UiToBackgroundMessage) => Promise<unknown>;
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
/**
 * The first pages after an install, an update or a browser start are loading already: the rules
 * they will be scored with are read now, not when the first of them gives a reason (issue 11).
 */
const preload = (): void => {
  preloadRules(bundledVersion).catch((error: unknown) => console.warn('Scam Sentinel: rules', error));
};
browser.runtime.onInstalled.addListener(() => {
  preload();
  // Content scripts used to read a copy of the bundled rules from storage; they no longer do.
  browser.storage.local.remove([RULES_KEYS.bundled, RULES_KEYS.bundledMark]).catch(() => undefined);
  updater.check('install').catch(logFailure);
});
browser.runtime.onStartup.addListener(() => {
  preload();
  updater.check('startup').catch(logFailure);
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) updater.check('alarm').catch(logFailure);
});

// Build the known-site index soon after the worker starts, not when the first page asks: the first
// page after install or browser start then gets its answer as quickly as any other (issue 10). Not
// at once: building it takes the worker 30–100 ms, which the first page's text, scored here (issue
// 11), would wait behind, while only the report after the verdict needs the index (and builds it
// if asked first).
const KNOWN_SITES_DELAY_MS = 1000;
setTimeout(() => {
  knownSites(bundledVersion).catch((error: unknown) => console.warn('Scam Sentinel: known-site lists', error));
}, KNOWN_SITES_DELAY_MS);
