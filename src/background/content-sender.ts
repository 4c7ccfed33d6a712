// Who may talk to the background as a content script: our own extension (sender.id), from a
// tab. Anything else (another extension, a page via a spoofed channel, an extension page
// without a tab) gets no answer. Pure, so the rule is unit-testable without a browser.
import type { Runtime } from 'webextension-polyfill';

export interface ContentSender {
  tabId: number;
  frameId: number;
  /** The sending frame's address, as the browser reports it (the page cannot set it). */
  url: string;
}

export function contentSender(sender: Runtime.MessageSender, ownId: string): ContentSender | null {
  if (sender.id !== ownId) return null;
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  return { tabId, frameId: sender.frameId ?? 0, url: sender.url ?? '' };
}
