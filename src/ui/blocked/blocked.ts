// The full-tab warning page, opened by the background in place of a page that kept removing,
// hiding or covering the on-page warning, or whose on-page warning could not be loaded (issue 11). An extension page: no page script reaches it.
import browser from 'webextension-polyfill';
import { readBlockedPageUrl } from '../../shared/blocked-page';
import { readSettings, trustMode } from '../../shared/read-settings';
import { familyContactOf, isTrustedHost, resolveRegion, SETTINGS_STORAGE_KEY } from '../../shared/settings';
import { askBackground } from '../ask-background';
import { renderPopup } from '../popup/render-popup';
import { renderBlocked } from './render-blocked';

async function main(): Promise<void> {
  const root = document.getElementById('blocked');
  const page = readBlockedPageUrl(location.search);
  if (!root || !page) return;
  const t = (name: string): string => browser.i18n.getMessage(name);
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = `⚠ ${t(page.why === 'unshown' ? 'blocked_title_unshown' : 'blocked_title')}`;
  const inForce = await readSettings(browser.storage.local, browser.storage.managed);
  const { settings } = inForce;
  document.body.classList.toggle('senior', settings.seniorMode);
  const host = page.state.host;
  const back = (): void => location.replace(page.pageUrl);
  const mode = trustMode(inForce);
  const details = renderBlocked(root, page, t, mode, {
    leave: () => {
      // Back past the page that fought the warning, or an empty page if the tab opened on it.
      if (history.length > 2) history.go(-2);
      else location.replace('about:blank');
    },
    trust: () => {
      if (mode === 'pin') {
        // The PIN is asked on the unlock page; this page goes back once the site is trusted.
        const url = new URL(browser.runtime.getURL('src/ui/unlock/index.html'));
        url.searchParams.set('host', host);
        void browser.tabs.create({ url: url.href });
        return;
      }
      void askBackground({ kind: 'ui-bg-trust-site-direct', host }).then((r) => {
        if (r.ok) back();
      });
    },
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(SETTINGS_STORAGE_KEY in changes)) return;
    void readSettings(browser.storage.local, browser.storage.managed).then((now) => {
      if (isTrustedHost(now.settings, host)) back();
    });
  });
  const { rules } = await askBackground({ kind: 'ui-bg-get-rules-status' });
  const region = resolveRegion(settings, Intl.DateTimeFormat().resolvedOptions().timeZone, browser.i18n.getUILanguage());
  renderPopup(details, { state: page.state, rules }, t, region, browser.i18n.getUILanguage(), familyContactOf(settings));
  root.dataset.ready = 'true';
}

void main();
