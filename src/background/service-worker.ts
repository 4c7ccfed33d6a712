// The background: one handler per message kind, and nothing is trusted until both the sender
// and the shape are checked (STYLE: "Messages typed by direction, senders checked"). A page
// cannot message us directly (no externally_connectable); a message from anything other than
// our content script in a tab, or our own extension pages, is ignored.
// It also keeps the rules current (rules-updater.ts): on install, on browser start, on an alarm,
// and on "Update now"; between those the worker sleeps.
import browser, { type Runtime } from 'webextension-polyfill';
import { version as bundledVersion } from 'virtual:rules-version';
import { bundledCopyMarked, bundledRulesIssuedAt, bundledRulesItem } from '../rules/rules-in-force';
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

/** Where the build puts the bundled compiled rules: an extension file no page may fetch (not web-accessible). */
const BUNDLED_RULES_PATH = 'rules/compiled.json';
/**
 * The file is requested as the worker starts, before anything else is known: on install the first
 * page is already loading and will ask for it (issue 11), and a worker's extension calls (the
 * storage read that says whether the copy is there) are answered only once it has started, while
 * a request of its own file goes out at once. Its body is read only when needed (bundledRules);
 * a worker that finds the copy stored drops it unread.
 */
let requested: Promise<Response> | null = fetch(browser.runtime.getURL(BUNDLED_RULES_PATH));
requested.catch(() => undefined);
let bundledRulesText: Promise<string> | null = null;
/**
 * The bundled compiled rules as a JSON string, read once per worker life from the extension's own
 * file, and copied to storage.local (RULES_KEYS.bundled) for content scripts, which read them
 * there only when a page gives their first stage a reason (issue 11). Content scripts that find no
 * copy (the first page after install) are answered with this same string: one string crosses the
 * message channel far faster than the object graph it holds.
 */
function bundledRules(): Promise<string> {
  bundledRulesText ??= (async () => {
    const early = requested;
    requested = null;
    const response = await (early ?? fetch(browser.runtime.getURL(BUNDLED_RULES_PATH)));
    if (!response.ok) throw new Error(`bundled rules: HTTP ${response.status}`);
    return response.text();
  })();
  bundledRulesText.catch(() => {
    bundledRulesText = null;
  });
  return bundledRulesText;
}
/**
 * How long a worker that must write the copy of the bundled rules (on install or update) waits
 * first. Writing 1.8 MB costs the worker some 75 ms of serializing, and the change reaches every
 * content script's storage listener; the first page after install is meanwhile answered from
 * memory (cs-bg-get-rules), so the write waits until its warning is up (issue 11).
 */
const COPY_WRITE_DELAY_MS = 2000;
/**
 * Writes the copy of the bundled rules when storage lacks this build's; resolves once the worker
 * knows whether it must (then with the file read). Only the copy's small mark is read to know
 * (the copy itself is 1.8 MB, and the worker starts for every page after an idle spell).
 */
async function storeBundledRules(): Promise<{ written: Promise<void> } | null> {
  if (await bundledCopyMarked(browser.storage.local, bundledVersion)) {
    const early = requested;
    requested = null;
    early?.then((response) => response.body?.cancel()).catch(() => undefined);
    return null;
  }
  const compiled = await bundledRules();
  const written = new Promise((resolve) => setTimeout(resolve, COPY_WRITE_DELAY_MS)).then(() => browser.storage.local.set(bundledRulesItem(bundledVersion, compiled)));
  return { written };
}
// The bundled rules' copy in storage, for content scripts: checked at every worker start (an
// extension update brings new bundled rules).
const bundledRulesStored = storeBundledRules().then((store) => store?.written);
bundledRulesStored.catch((error: unknown) => console.warn('Scam Sentinel: bundled rules', error));

const contentHandlers = createContentHandlers({
  bundledRules,
  lookupSite: async (host, path) => {
    const match = (await knownSites(bundledVersion)).lookup(host, path);
    return match ? { listId: match.listId } : null;
  },
  saveTabState,
  setTabBadge,
  acknowledgedLevel,
  acknowledgeSite,
  trustMode: async () => trustMode(await settingsInForce()),
  addTrustedSite,
  openUnlockPage: async (host, openerTabId) => {
    const url = new URL(browser.runtime.getURL('src/ui/unlock/index.html'));
    url.searchParams.set('host', host);
    await browser.tabs.create({ url: url.href, openerTabId });
  },
  loadTabState,
  openBlockedPage: async (tabId, pageUrl, state) => {
    // tabs.update needs no `tabs` permission to open one of our own pages in the sender's tab.
    await browser.tabs.update(tabId, { url: blockedPageUrl(pageUrl, state, browser.runtime.getURL('').replace(/\/$/, '')) });
  },
  now: () => Date.now(),
});

/**
 * The test build's "silent background" (tests/e2e/silent-background.spec.ts): with
 * `test.silentBackground` set, content scripts get no answer at all, as when the worker is being
 * restarted or updated, and the page must still be warned. Release builds have no such door.
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
browser.runtime.onInstalled.addListener(() => {
  updater.check('install').catch(logFailure);
});
browser.runtime.onStartup.addListener(() => {
  updater.check('startup').catch(logFailure);
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) updater.check('alarm').catch(logFailure);
});

// Build the known-site index as soon as the worker starts, not when the first page asks: the first
// page after install or browser start then gets its answer as quickly as any other (issue 10). It
// waits for the bundled rules' copy (a small read, except on install or update): building it takes
// the worker 30–100 ms that a first page's request for the rules would wait behind, while only the
// report after the warning needs the index (and builds it if asked first).
void bundledRulesStored.finally(() => knownSites(bundledVersion)).catch((error: unknown) => console.warn('Scam Sentinel: known-site lists', error));
