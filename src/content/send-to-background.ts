// The content script's only door to the rest of the extension. Typed by direction so a
// content script can only send what the background's handler map expects.
import browser from 'webextension-polyfill';
import { isListedSite, type AcknowledgeMessage, type EscalateMessage, type PageResultMessage, type PageResultResponse, type RequestTrustMessage } from '../shared/messages';

export async function sendPageResult(message: PageResultMessage): Promise<PageResultResponse> {
  const response = (await browser.runtime.sendMessage(message)) as Partial<PageResultResponse> | undefined;
  const level = response?.acknowledged;
  const listed = isListedSite(response?.listed) ? { listId: response.listed.listId } : null;
  return { acknowledged: level === 'caution' || level === 'danger' ? level : 'none', listed };
}

export async function sendAcknowledge(message: AcknowledgeMessage): Promise<void> {
  await browser.runtime.sendMessage(message);
}

export async function sendRequestTrust(message: RequestTrustMessage): Promise<void> {
  await browser.runtime.sendMessage(message);
}

export async function sendEscalate(message: EscalateMessage): Promise<void> {
  await browser.runtime.sendMessage(message);
}
