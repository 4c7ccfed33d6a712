import { describe, expect, test } from 'vitest';
import { contentBrowser } from '../../src/content/content-browser';

const fakeChrome = (sendMessage: (m: unknown) => Promise<unknown>) => ({
  runtime: { sendMessage, getURL: (path: string) => `chrome-extension://session-id/${path}` },
  storage: { local: { get: async () => ({}) } },
  i18n: { getMessage: (k: string) => k },
});

describe('the content script without webextension-polyfill', () => {
  test("Firefox's promise-based browser is used as it is", () => {
    const browser = { runtime: {}, storage: {}, i18n: {} };
    expect(contentBrowser({ browser, chrome: fakeChrome(async () => 1) })).toBe(browser);
  });

  test("in Chromium, the extension's file addresses come from runtime.getURL (the guard's module: load-guard-module.ts)", () => {
    const b = contentBrowser({ chrome: fakeChrome(async () => 1) });
    expect(b.runtime.getURL('src/content/guard-module.js')).toBe('chrome-extension://session-id/src/content/guard-module.js');
  });

  test("in Chromium, a reply comes back as it is", async () => {
    const b = contentBrowser({ chrome: fakeChrome(async (m) => ({ echo: m })) });
    await expect(b.runtime.sendMessage({ type: 'x' })).resolves.toEqual({ echo: { type: 'x' } });
  });

  test('a reply port closed without an answer resolves to undefined, as with the polyfill', async () => {
    const b = contentBrowser({ chrome: fakeChrome(async () => { throw new Error('The message port closed before a response was received.'); }) });
    await expect(b.runtime.sendMessage({})).resolves.toBeUndefined();
  });

  test("a background handler that failed (the polyfill's marked reply) rejects with its message; other errors pass through", async () => {
    const failed = contentBrowser({ chrome: fakeChrome(async () => ({ __mozWebExtensionPolyfillReject__: true, message: 'no rules' })) });
    await expect(failed.runtime.sendMessage({})).rejects.toThrow('no rules');
    const gone = contentBrowser({ chrome: fakeChrome(async () => { throw new Error('Extension context invalidated.'); }) });
    await expect(gone.runtime.sendMessage({})).rejects.toThrow('Extension context invalidated.');
  });
});
