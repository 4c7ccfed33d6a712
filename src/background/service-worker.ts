// The background: one handler per content→background message kind, and nothing is trusted
// until both the sender and the shape are checked (STYLE: "Messages typed by direction,
// senders checked"). A page cannot message us directly (no externally_connectable), but a
// message from anything other than our content script in a tab is still ignored.
import browser, { type Runtime } from 'webextension-polyfill';
import { isContentToBackgroundMessage, type ContentToBackgroundMessage } from '../shared/messages';
import { contentSender, type ContentSender } from './content-sender';
import { setTabBadge } from './set-tab-badge';

type HandlerMap = {
  [K in ContentToBackgroundMessage['kind']]: (
    message: Extract<ContentToBackgroundMessage, { kind: K }>,
    sender: ContentSender,
  ) => Promise<void>;
};

const handlers: HandlerMap = {
  'cs-bg-page-result': async (message, sender) => {
    // The content script runs in the top frame only; a frame's result never speaks for the tab.
    if (sender.frameId !== 0) return;
    await setTabBadge(sender.tabId, message.level);
  },
};

function dispatch(message: ContentToBackgroundMessage, sender: ContentSender): Promise<void> {
  // The mapped type guarantees each handler matches its kind; TypeScript cannot correlate the
  // two through an index, hence the widening here and nowhere else.
  const handler = handlers[message.kind] as (m: ContentToBackgroundMessage, s: ContentSender) => Promise<void>;
  return handler(message, sender);
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const from = contentSender(sender, browser.runtime.id);
  if (from === null || !isContentToBackgroundMessage(message)) {
    // No response: the sender's promise rejects and nothing is acted upon.
    return undefined;
  }
  return dispatch(message, from);
});
