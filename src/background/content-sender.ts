// Who may talk to the background as a content script, and for which page: our own extension
// (sender.id), from a tab, with the page's address as the browser reports it (sender.url, else
// the tab's URL for the top frame). The host and path are never taken from the message: a
// content script in a scam page's tab cannot claim to speak for another site (as Dark Reader
// reads the sender's URL). Anything else (another extension, an extension page without a tab, a
// sender without an http(s) address) gets no answer. Pure, so the rule is unit-testable.
import type { Runtime } from 'webextension-polyfill';
import { MAX_HOST_LENGTH, MAX_PATH_LENGTH } from '../shared/messages';

export interface ContentSender {
  tabId: number;
  frameId: number;
  /** The page's host name, as location.hostname says it. */
  host: string;
  /** The page's path, for the known-site lists' few page entries; never stored. */
  path: string;
  /** The page's whole address, for the full-tab warning's "back to the page" (issue 11); never stored. */
  url: string;
}

function pageAddress(url: string | undefined): { host: string; path: string; url: string } | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '' || parsed.hostname.length > MAX_HOST_LENGTH) return null;
  return { host: parsed.hostname, path: parsed.pathname.slice(0, MAX_PATH_LENGTH), url: parsed.href };
}

export function contentSender(sender: Runtime.MessageSender, ownId: string): ContentSender | null {
  if (sender.id !== ownId) return null;
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  const frameId = sender.frameId ?? 0;
  // sender.url is the frame's document; the tab's URL speaks only for the top frame.
  const address = pageAddress(sender.url ?? (frameId === 0 ? sender.tab?.url : undefined));
  if (address === null) return null;
  return { tabId, frameId, ...address };
}
