// The extension API as the content script uses it (guard-page.ts ContentBrowser), without
// webextension-polyfill (issue 11: its thousand lines were compiled, and its proxies built, on
// every page). Firefox has the promise-based `browser`; Chromium's MV3 `chrome` returns promises
// from the same calls (storage get, runtime.sendMessage). Two behaviours of the polyfill are kept
// for sendMessage: a handler of the background's that failed (the background's polyfill answers
// with a marked object) rejects, and a reply port closed without an answer resolves to undefined.
import type { ContentBrowser } from './guard-page';

/** What the background's webextension-polyfill sends back for a handler that rejected. */
const POLYFILL_REJECT = '__mozWebExtensionPolyfillReject__';
/** Chromium's error when the receiving end closed the port without answering. */
const NO_RESPONSE = 'The message port closed before a response was received.';

interface Globals {
  browser?: unknown;
  chrome?: unknown;
}

/** The content script's API and the extension's own file addresses (load-guard-module.ts). */
export type ContentScriptBrowser = ContentBrowser & { runtime: ContentBrowser['runtime'] & { getURL(path: string): string } };

export function contentBrowser(globals: Globals): ContentScriptBrowser {
  if (typeof globals.browser === 'object' && globals.browser !== null) return globals.browser as ContentScriptBrowser;
  const chrome = globals.chrome as ContentScriptBrowser;
  const sendMessage = chrome.runtime.sendMessage.bind(chrome.runtime);
  return {
    storage: chrome.storage,
    i18n: chrome.i18n,
    runtime: {
      getURL: chrome.runtime.getURL.bind(chrome.runtime),
      sendMessage: async (message: unknown) => {
        let reply: unknown;
        try {
          reply = await sendMessage(message);
        } catch (error) {
          if (error instanceof Error && error.message === NO_RESPONSE) return undefined;
          throw error;
        }
        if (typeof reply === 'object' && reply !== null && (reply as Record<string, unknown>)[POLYFILL_REJECT] === true) {
          throw new Error(String((reply as Record<string, unknown>).message));
        }
        return reply;
      },
    },
  };
}
