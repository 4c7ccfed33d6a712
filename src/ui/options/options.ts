// The options page: family setup. Wires the sections (render-*.ts) to the background; every
// request goes through the typed UI → background messages, which the background accepts only
// from our own extension pages (ui-sender.ts).
import browser from 'webextension-polyfill';
import type { RulesStatusResponse, UiToBackgroundMessage } from '../../shared/messages';
import { renderRulesSection } from './render-rules-section';

const t = (name: string): string => browser.i18n.getMessage(name);

async function ask(message: UiToBackgroundMessage): Promise<RulesStatusResponse> {
  return (await browser.runtime.sendMessage(message)) as RulesStatusResponse;
}

async function main(): Promise<void> {
  const root = document.getElementById('options');
  if (!root) return;
  const locale = browser.i18n.getUILanguage();
  document.documentElement.lang = locale;
  document.title = t('options_title');
  const heading = document.createElement('h1');
  heading.textContent = t('options_title');
  const { rules } = await ask({ kind: 'ui-bg-get-rules-status' });
  root.replaceChildren(
    heading,
    renderRulesSection(document, rules, {
      t,
      locale,
      updateNow: async () => (await ask({ kind: 'ui-bg-update-rules' })).rules,
    }),
  );
  root.dataset.ready = 'true';
}

void main();
