// The popup: asks the background what was found in the current tab and shows it
// (render-popup.ts). `?tabId=N` shows another tab: how the popup opens as a page in tests.
import browser from 'webextension-polyfill';
import { readSettings } from '../../shared/read-settings';
import { familyContactOf, resolveRegion } from '../../shared/settings';
import { askBackground } from '../ask-background';
import { renderPopup } from './render-popup';

async function currentTabId(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

async function main(): Promise<void> {
  const root = document.getElementById('popup');
  if (!root) return;
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = browser.i18n.getMessage('ext_name');
  const t = (name: string): string => browser.i18n.getMessage(name);
  // The region and family contact chosen in the options page (or by policy); "auto" follows the browser.
  const { settings } = await readSettings(browser.storage.local, browser.storage.managed);
  const region = resolveRegion(settings, Intl.DateTimeFormat().resolvedOptions().timeZone, browser.i18n.getUILanguage());
  document.body.classList.toggle('senior', settings.seniorMode);
  const response = await askBackground({ kind: 'ui-bg-get-tab-state', tabId: await currentTabId() });
  renderPopup(root, response, t, region, browser.i18n.getUILanguage(), familyContactOf(settings));
  root.dataset.ready = 'true';
}

void main();
