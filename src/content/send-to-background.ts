// The content script's only door to the rest of the extension. Typed by direction so a
// content script can only send what the background's handler map expects.
import browser from 'webextension-polyfill';
import type { ContentToBackgroundMessage } from '../shared/messages';

export async function sendToBackground(message: ContentToBackgroundMessage): Promise<void> {
  await browser.runtime.sendMessage(message);
}
