// The background: one handler per message kind, and nothing is trusted until both the sender
// and the shape are checked (STYLE: "Messages typed by direction, senders checked"). A page
// cannot message us directly (no externally_connectable); a message from anything other than
// our content script in a tab, or our own extension pages, is ignored.
import browser, { type Runtime } from 'webextension-polyfill';
import { bundledRulesVersion } from '../rules/bundled-rules';
import {
  isContentToBackgroundMessage,
  isUiToBackgroundMessage,
  type ContentToBackgroundMessage,
  type PageResultResponse,
  type TabStateResponse,
  type UiToBackgroundMessage,
} from '../shared/messages';
import { contentSender, type ContentSender } from './content-sender';
import { clearTabBadge, setTabBadge } from './set-tab-badge';
import { acknowledgedLevel, acknowledgeSite, forgetTab, loadTabState, saveTabState } from './tab-store';
import { isUiSender } from './ui-sender';

type ContentHandlers = {
  [K in ContentToBackgroundMessage['kind']]: (
    message: Extract<ContentToBackgroundMessage, { kind: K }>,
    sender: ContentSender,
  ) => Promise<PageResultResponse | void>;
};

type UiHandlers = {
  [K in UiToBackgroundMessage['kind']]: (message: Extract<UiToBackgroundMessage, { kind: K }>) => Promise<TabStateResponse>;
};

const contentHandlers: ContentHandlers = {
  'cs-bg-page-result': async (message, sender) => {
    // The content script runs in the top frame only; a frame's result never speaks for the tab.
    if (sender.frameId !== 0) return;
    const { level, findings, host } = message;
    await Promise.all([
      saveTabState(sender.tabId, { level, findings, host, scannedAt: Date.now() }),
      setTabBadge(sender.tabId, level),
    ]);
    return { acknowledged: await acknowledgedLevel(host) };
  },
  'cs-bg-acknowledge': async (message) => {
    await acknowledgeSite(message.host, message.level);
  },
};

const uiHandlers: UiHandlers = {
  'ui-bg-get-tab-state': async (message) => ({
    state: message.tabId === null ? null : await loadTabState(message.tabId),
    rulesVersion: bundledRulesVersion(),
  }),
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
    const handler = uiHandlers[message.kind] as (m: UiToBackgroundMessage) => Promise<TabStateResponse>;
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
