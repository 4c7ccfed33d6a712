// The options page: family setup (render-options.ts) wired to the browser. Settings are read and
// written in storage.local through settings.ts's validation; policy (storage.managed) is laid
// over them and shown as locked; the PIN is checked by the background (one count of wrong tries
// for every page), and only this extension's pages ever ask for it.
import browser from 'webextension-polyfill';
import { hashPin } from '../../shared/pin';
import { readSettings } from '../../shared/read-settings';
import { PIN_STORAGE_KEY, SETTINGS_STORAGE_KEY } from '../../shared/settings';
import { askBackground } from '../ask-background';
import { renderOptions } from './render-options';

const t = (name: string): string => browser.i18n.getMessage(name);


function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function main(): Promise<void> {
  const root = document.getElementById('options');
  if (!root) return;
  const locale = browser.i18n.getUILanguage();
  document.documentElement.lang = locale;
  document.title = t('options_title');
  const load = () => readSettings(browser.storage.local, browser.storage.managed);
  const settings = await load();
  document.body.classList.toggle('senior', settings.settings.seniorMode);
  await renderOptions(root, {
    t,
    locale,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    load,
    save: async (next) => {
      await browser.storage.local.set({ [SETTINGS_STORAGE_KEY]: next });
      document.body.classList.toggle('senior', (await load()).settings.seniorMode);
    },
    verifyPin: (pin) => askBackground({ kind: 'ui-bg-verify-pin', pin }),
    setPin: async (pin) => {
      await browser.storage.local.set({ [PIN_STORAGE_KEY]: await hashPin(pin) });
    },
    removePin: async () => {
      await browser.storage.local.remove(PIN_STORAGE_KEY);
    },
    rulesStatus: async () => (await askBackground({ kind: 'ui-bg-get-rules-status' })).rules,
    updateNow: async () => (await askBackground({ kind: 'ui-bg-update-rules' })).rules,
    download,
  });
  // A policy or another tab changed the settings: show them as they are now.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && (SETTINGS_STORAGE_KEY in changes || PIN_STORAGE_KEY in changes))) {
      void load().then((s) => document.body.classList.toggle('senior', s.settings.seniorMode));
    }
  });
}

void main();
