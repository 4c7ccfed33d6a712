// The PIN page for "I trust this site" (render-unlock.ts), wired to the background.
import browser from 'webextension-polyfill';
import type { PinResponse, UiToBackgroundMessage } from '../../shared/messages';
import { renderUnlock } from './render-unlock';

const t = (name: string): string => browser.i18n.getMessage(name);
const root = document.getElementById('unlock');
if (root) {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('unlock_title');
  renderUnlock(root, new URLSearchParams(location.search).get('host'), {
    t,
    trust: async (host, pin) => {
      const message: UiToBackgroundMessage = { kind: 'ui-bg-trust-site', host, pin };
      return (await browser.runtime.sendMessage(message)) as PinResponse;
    },
    close: () => {
      void browser.tabs.getCurrent().then((tab) => (tab?.id !== undefined ? browser.tabs.remove(tab.id) : window.close()));
    },
  });
}
