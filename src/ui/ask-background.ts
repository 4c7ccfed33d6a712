// The extension pages' door to the background: each request's reply type comes from its kind
// (messages.ts UiReplies), so no page casts an answer. The background checks the sender (ui-sender.ts).
import browser from 'webextension-polyfill';
import type { UiReply, UiToBackgroundMessage } from '../shared/messages';

export async function askBackground<M extends UiToBackgroundMessage>(message: M): Promise<UiReply<M>> {
  // Our own background answers these, with the type the handler map gives each kind.
  const reply: UiReply<M> = await browser.runtime.sendMessage(message);
  return reply;
}
