// The toolbar badge of a page's tab, read in the service worker: how the e2e tests see what the
// content script reported (smoke.spec.ts, hostile.spec.ts).
import type { Page, Worker } from '@playwright/test';
import { expect } from './extension-test';

// `chrome` exists only inside the worker; this is the part of it the test evaluates there.
interface ChromeInWorker {
  tabs: { query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
  i18n: { getMessage(name: string): string };
}

export interface BadgeState {
  text: string;
  title: string;
  /** The title the background sets once a page was scanned and nothing was found. */
  noneTitle: string;
  /** The manifest's default title, still shown until the content script has reported. */
  defaultTitle: string;
}

/** The badge of the page's tab, read in the service worker. */
export async function badgeOf(serviceWorker: Worker, page: Page): Promise<BadgeState> {
  // A tab learns its id only from the extension side; the page being in front identifies it.
  await page.bringToFront();
  return serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return {
      text: await api.action.getBadgeText({ tabId: tab.id }),
      title: await api.action.getTitle({ tabId: tab.id }),
      noneTitle: api.i18n.getMessage('action_title_none'),
      defaultTitle: api.i18n.getMessage('ext_name'),
    };
  });
}

/** Waits until the content script has reported for the page (the title leaves the default). */
export async function scannedBadge(serviceWorker: Worker, page: Page): Promise<BadgeState> {
  let state = await badgeOf(serviceWorker, page);
  await expect
    .poll(async () => (state = await badgeOf(serviceWorker, page)).title, { timeout: 15_000 })
    .not.toBe(state.defaultTitle);
  return state;
}
