// Drives Debian's firefox-esr over WebDriver BiDi (puppeteer-core) with a built extension
// installed as a temporary add-on (BiDi `webExtension.install`), for the Firefox end-to-end tests
// (issue 12). No browser is downloaded: the binary is /usr/bin/firefox-esr (or FIREFOX_PATH).
//
// Three things Firefox does differently from Chromium, and how the tests deal with them:
// - The extension's internal UUID (its moz-extension:// host) is random per profile. The
//   profile's `extensions.webextensions.uuids` preference, set before the install, fixes it.
// - BiDi refuses to navigate a tab to a moz-extension:// URL unless the browser was started with
//   `--remote-allow-system-access`, and it reports no navigation events for such a load, so an
//   extension page is opened without waiting for them and then polled until it is ready.
// - There is no service worker to evaluate in (the background is an event page). The tests ask
//   the extension's API from one of its own pages instead (`inExtension`).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { serveFixtures } from '../../scripts/lib/fixture-server';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const RELEASE_BUILD = fileURLToPath(new URL('../../dist/firefox', import.meta.url));
export const TEST_BUILD = fileURLToPath(new URL('../../dist/firefox-test', import.meta.url));
/** browser_specific_settings.gecko.id in the built manifest. */
export const ADDON_ID = 'scam-sentinel@scam-sentinel';
/** Any fixed UUID: the tests choose the extension's moz-extension:// host this way. */
export const EXTENSION_UUID = '5c4a7e2b-9d31-4f08-8a6e-3b2f1c0d9e7a';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface FirefoxWithExtension {
  browser: Browser;
  close(): Promise<void>;
}

/** firefox-esr, headless, in a fresh profile, with the built extension at `extensionDir`. */
export async function launchFirefox(extensionDir: string): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  if (!existsSync(`${extensionDir}/manifest.json`)) throw new Error(`${extensionDir} is missing: run the build first (npm test does)`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Lets BiDi open the extension's own pages (the popup and options page) in a tab.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }) },
  });
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== ADDON_ID) throw new Error(`installed add-on id ${id}, expected ${ADDON_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, close: () => browser.close() };
}

/** The sample pages on 127.0.0.1 for one test file. */
export async function startFixtures(): Promise<{ url: string; close(): Promise<void> }> {
  const server = await serveFixtures();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // The browser keeps connections alive; without closing them, close() waits for ever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `probe` until it returns something other than undefined, null or false. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = value;
    } catch (error) {
      // A page between two documents cannot be evaluated in for a moment: try again.
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Opens one of the extension's pages (path under the build, e.g. src/ui/options/index.html) in a
 * new tab and waits until `readySelector` is in it.
 */
export async function openExtensionPage(browser: Browser, path: string, readySelector: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${EXTENSION_ORIGIN}/${path}`;
  // The load happens, but BiDi sends no navigation events for it: do not wait for them.
  page.goto(url, { timeout: 0 }).catch(() => undefined);
  await waitFor(() => page.evaluate((sel) => document.querySelector(sel) !== null, readySelector), `${url} to show ${readySelector}`);
  return page;
}

/** The browser.* API as the tests use it from an extension page (typed loosely on purpose). */
export interface ExtensionApi {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  storage: {
    local: { get(k: string | null): Promise<Record<string, unknown>>; set(v: object): Promise<void> };
    session: { get(k: string): Promise<Record<string, unknown>> };
  };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
}

/** Runs `fn` with the extension's `browser` API, in one of its pages. */
export function inExtension<A, R>(extensionPage: Page, fn: (api: ExtensionApi, arg: A) => Promise<R>, arg: A): Promise<R> {
  // An expression, evaluated by BiDi in the page's realm (the page's own CSP forbids eval, but
  // does not bind the WebDriver); `fn` must not use anything outside its own body.
  return extensionPage.evaluate(`(${fn.toString()})(globalThis.browser, ${JSON.stringify(arg)})`) as Promise<R>;
}

/** The id of the tab showing `url`, as the extension sees it. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  return waitFor(
    () => inExtension(extensionPage, async (api, u) => (await api.tabs.query({})).find((t) => t.url === u)?.id, url),
    `a tab with ${url}`,
  );
}

/**
 * The warning's shadow root, which is closed: the page cannot reach it, but WebDriver BiDi
 * serializes an element's shadow root whatever its mode, so the test gets a handle to it.
 */
export async function warningRoot(page: Page): Promise<ElementHandle<ShadowRoot> | null> {
  const host = await page.$('scam-sentinel-warning');
  if (!host) return null;
  // puppeteer-core's BiDi element handles keep the serialized node (an internal API).
  const bidiHost = host as unknown as {
    remoteValue(): { value?: { shadowRoot?: unknown } };
    realm: unknown;
    constructor: { from(value: unknown, realm: unknown): ElementHandle<ShadowRoot> };
  };
  const shadow = bidiHost.remoteValue().value?.shadowRoot;
  return shadow ? bidiHost.constructor.from(shadow, bidiHost.realm) : null;
}

/** Waits for the warning on `page`, then until `probe`, run inside its shadow root, finds what it looks for. */
export async function inWarning<T>(page: Page, probe: (root: ShadowRoot) => T | null | undefined | false, what: string): Promise<T> {
  const root = await waitFor(() => warningRoot(page), `the warning (for ${what})`);
  // The probe runs in the page: it must not use anything outside its own body.
  return waitFor(() => root.evaluate(probe) as Promise<T | null | undefined | false>, what);
}
