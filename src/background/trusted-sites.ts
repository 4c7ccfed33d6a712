// The allowlist ("I trust this site") lives in the person's settings (storage.local), validated
// on every read. The background adds to it only after the checks in service-worker.ts: a content
// script may add a site directly only when nothing locks trusting (trust mode 'direct').
import browser from 'webextension-polyfill';
import { readSettings, type SettingsInForce } from '../shared/read-settings';
import { MAX_ALLOWLIST_SIZE, normalizeHost, parseSettings, SETTINGS_STORAGE_KEY } from '../shared/settings';

export function settingsInForce(): Promise<SettingsInForce> {
  return readSettings(browser.storage.local, browser.storage.managed);
}

/** Adds the host to the person's allowlist; false when it is not a host name or the list is full. */
export async function addTrustedSite(host: string): Promise<boolean> {
  const normalized = normalizeHost(host);
  if (normalized === null) return false;
  const { settings } = parseSettings((await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY]);
  if (settings.allowlist.includes(normalized)) return true;
  if (settings.allowlist.length >= MAX_ALLOWLIST_SIZE) return false;
  await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: { ...settings, allowlist: [...settings.allowlist, normalized] } });
  return true;
}
