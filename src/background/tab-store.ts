// What was found in each tab, kept in storage.session: it survives the service worker being
// stopped (MV3 workers sleep after ~30 s idle) but not the browser session, and it never leaves
// the device. Values are validated when read back (DESIGN: validate everything from storage).
import browser from 'webextension-polyfill';
import type { Level } from '../engine/types';
import { parseTabState, type TabState } from '../shared/messages';

const key = (tabId: number): string => `tab:${tabId}`;

export async function saveTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: state });
}

export async function loadTabState(tabId: number): Promise<TabState | null> {
  const stored = await browser.storage.session.get(key(tabId));
  return parseTabState(stored[key(tabId)]);
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

// Sites acknowledged this session ("I trust this site"): one acknowledgement per site per
// browser session, so the warning does not nag (DESIGN, "Warning levels").
const ackKey = (host: string): string => `ack:${host}`;

export async function acknowledgeSite(host: string, level: 'caution' | 'danger'): Promise<void> {
  // Never lower an acknowledgement: trusting a site covers its cautions too.
  if ((await acknowledgedLevel(host)) === 'danger') return;
  await browser.storage.session.set({ [ackKey(host)]: level });
}

export async function acknowledgedLevel(host: string): Promise<Level> {
  const stored = (await browser.storage.session.get(ackKey(host)))[ackKey(host)];
  return stored === 'caution' || stored === 'danger' ? stored : 'none';
}
