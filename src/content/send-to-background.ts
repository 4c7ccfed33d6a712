// The content script's only door to the rest of the extension. Typed by direction and by reply
// (messages.ts ContentReplies): a content script can only send what the background's handler map
// expects, and every answer is read back through its parser, so no caller casts one.
import { parseAnalyzeReply, parsePageResultResponse, type AnalyzeTextMessage, type ContentReplies, type ContentReply, type ContentToBackgroundMessage } from '../shared/messages';

/** runtime.sendMessage, or a fake of it in the unit tests. */
export type SendMessage = (message: unknown) => Promise<unknown>;

const READ_REPLY: { [K in keyof ContentReplies]: (reply: unknown, sent: Extract<ContentToBackgroundMessage, { kind: K }>) => ContentReplies[K] } = {
  'cs-bg-page-result': parsePageResultResponse,
  'cs-bg-acknowledge': () => undefined,
  'cs-bg-request-trust': () => undefined,
  'cs-bg-escalate': () => undefined,
  // Offsets in the answer are checked against the text that was sent.
  'cs-bg-analyze': (reply, sent: AnalyzeTextMessage) => parseAnalyzeReply(reply, sent),
};

export async function sendToBackground<M extends ContentToBackgroundMessage>(send: SendMessage, message: M): Promise<ContentReply<M>> {
  const reply = await send(message);
  // The map pairs each reader with its kind; TypeScript cannot correlate the two through an index.
  return (READ_REPLY[message.kind] as unknown as (reply: unknown, sent: M) => ContentReply<M>)(reply, message);
}
