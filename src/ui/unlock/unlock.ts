// The PIN page for "I trust this site" (render-unlock.ts), wired to the background.
import browser from 'webextension-polyfill';
import { askBackground } from '../ask-background';
import { renderUnlock } from './render-unlock';

const t = (name: string): string => browser.i18n.getMessage(name);
const root = document.getElementById('unlock');
if (root) {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = t('unlock_title');
  renderUnlock(root, new URLSearchParams(location.search).get('host'), {
    t,
    trust: (host, pin) => askBackground({ kind: 'ui-bg-trust-site', host, pin }),
    close: () => {
      void browser.tabs.getCurrent().then((tab) => (tab?.id !== undefined ? browser.tabs.remove(tab.id) : window.close()));
    },
  });
}
