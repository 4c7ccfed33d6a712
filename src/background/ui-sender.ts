// Who may talk to the background as one of our pages (the popup): our own extension, from a
// document at our own origin. A web page cannot set sender.url to an extension URL, and a
// content script's sender.url is the page's, so neither can pose as the popup.
import type { Runtime } from 'webextension-polyfill';

export function isUiSender(sender: Runtime.MessageSender, ownId: string, ownOrigin: string): boolean {
  return sender.id === ownId && typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
}
