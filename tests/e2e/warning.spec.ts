// The warning drawn on a flagged page, in the built extension (issue 3): a danger dialog with
// "Leave this page" focused, that Escape does not close and a hostile page cannot read, remove
// or hide. It lives in a closed shadow root, so the test reads it the way assistive technology
// does: through the browser's accessibility tree (Chrome DevTools Protocol).
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './extension-test';

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  properties?: { name: string; value: { value?: unknown } }[];
  ignored?: boolean;
}

interface AxItem {
  role: string;
  name: string;
  focused: boolean;
}

async function axTree(context: BrowserContext, page: Page): Promise<AxItem[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({
        role: n.role?.value ?? '',
        name: n.name?.value ?? '',
        focused: n.properties?.some((p) => p.name === 'focused' && p.value.value === true) ?? false,
      }));
  } finally {
    await cdp.detach();
  }
}

const LEAVE = /Leave this page|离开这个页面|離開這個頁面/;

async function waitForDialog(context: BrowserContext, page: Page): Promise<AxItem[]> {
  let tree: AxItem[] = [];
  await expect
    .poll(async () => (tree = await axTree(context, page)).some((n) => n.role === 'dialog'), { timeout: 15_000 })
    .toBe(true);
  return tree;
}

test('a danger page gets a dialog with "Leave this page" focused; Escape does not close it', async ({ extensionContext, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/investment-scam-zh.html`);
  const tree = await waitForDialog(extensionContext, page);
  const leave = tree.find((n) => n.role === 'button' && LEAVE.test(n.name));
  expect(leave?.focused).toBe(true);
  // The matched phrases are highlighted in place (CSS Custom Highlight API, no DOM rewrite).
  const highlighted = await page.evaluate(() => {
    const h = CSS.highlights.get('scam-sentinel');
    return h ? [...h].map((r) => (r as Range).toString()) : [];
  });
  expect(highlighted).toContain('稳赚不赔');
  // Painted, and only on the elements that hold a phrase, by the style the manifest injects: no
  // style sheet is added to the page when it is warned (one made the browser restyle or revisit
  // every element, issue 11).
  const painted = await page.evaluate(() => {
    const marked = [...document.querySelectorAll('[data-scam-sentinel-text]')];
    return {
      marked: marked.length,
      sheets: [...document.querySelectorAll('style, link[rel="stylesheet"]')].filter((s) => (s.textContent ?? '').includes('scam-sentinel')).length,
      colour: marked[0] ? getComputedStyle(marked[0], '::highlight(scam-sentinel)').backgroundColor : null,
    };
  });
  expect(painted.marked).toBeGreaterThan(0);
  expect(painted.sheets).toBe(0);
  expect(painted.colour).toBe('rgb(255, 224, 102)');
  await page.keyboard.press('Escape');
  // Chromium may close a modal dialog on Escape before any script can object; the warning
  // opens again at once, with "Leave this page" still the way out.
  await expect.poll(async () => (await axTree(extensionContext, page)).some((n) => n.role === 'dialog'), { timeout: 3_000 }).toBe(true);
  expect((await axTree(extensionContext, page)).some((n) => n.role === 'button' && LEAVE.test(n.name))).toBe(true);
  await page.close();
});

test('a hostile page can neither read into, hide nor remove the warning', async ({ extensionContext, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/investment-scam-zh.html`);
  await waitForDialog(extensionContext, page);
  const seen = await page.evaluate(() => {
    const host = document.querySelector('scam-sentinel-warning') as HTMLElement | null;
    return { found: host !== null, shadowRoot: host?.shadowRoot ?? null, text: host?.textContent ?? '' };
  });
  // The page finds the host element but nothing inside it: the shadow root is closed.
  expect(seen).toEqual({ found: true, shadowRoot: null, text: '' });

  // Hide it, cover it, remove it: it comes back, unhidden, still a dialog.
  await page.evaluate(() => {
    const host = document.querySelector('scam-sentinel-warning') as HTMLElement;
    host.style.setProperty('display', 'none', 'important');
    host.setAttribute('hidden', '');
    const cover = document.createElement('div');
    cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:white';
    document.body.append(cover);
    host.remove();
  });
  await expect
    .poll(() => page.evaluate(() => {
      const host = document.querySelector('scam-sentinel-warning');
      return host !== null && host.attributes.length === 0 && host.isConnected;
    }), { timeout: 5_000 })
    .toBe(true);
  expect((await axTree(extensionContext, page)).some((n) => n.role === 'dialog')).toBe(true);
  await page.close();
});

test('"I trust this site" closes the warning, adds the site to the trusted sites, and it is not warned again', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/fake-job-en.html`);
  await waitForDialog(extensionContext, page);
  // "I trust this site" is offered once policy is known not to forbid it (issue 10: the dialog is
  // shown before storage.managed answers, then drawn again with the button).
  await expect.poll(async () => (await axTree(extensionContext, page)).some((n) => n.role === 'button' && /I trust this site|我信任/.test(n.name)), { timeout: 15_000 }).toBe(true);
  // Keyboard only: Tab from the focused "Leave" button to "Why…", then to "I trust this site".
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = (await axTree(extensionContext, page)).find((n) => n.focused && n.role === 'button');
  expect(focused?.name).toMatch(/I trust this site|我信任/);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await axTree(extensionContext, page)).some((n) => n.role === 'dialog')).toBe(false);
  await page.reload();
  // Give the content script time to scan and ask; the acknowledged site stays unwarned.
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(1500);
  expect((await axTree(extensionContext, page)).some((n) => n.role === 'dialog')).toBe(false);
  expect(await page.evaluate(() => document.querySelector('scam-sentinel-warning'))).toBeNull();
  await page.close();
  // The trusted site is in the settings' allowlist (shown and removable in the options page).
  const stored = await serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { allowlist?: string[] }>> } } } }).chrome;
    return (await api.storage.local.get('settings')).settings?.allowlist;
  });
  expect(stored).toEqual(['127.0.0.1']);
  // Every fixture is on 127.0.0.1: forget the trust so later tests are warned again.
  await serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { session: { remove(k: string): Promise<void> }; local: { remove(k: string): Promise<void> } } } }).chrome;
    await api.storage.session.remove('ack:127.0.0.1');
    await api.storage.local.remove('settings');
  });
});

test('a caution page gets a quiet banner, not a dialog; Escape dismisses it', async ({ extensionContext, serviceWorker, fixturesUrl }) => {
  const page = await extensionContext.newPage();
  await page.goto(`${fixturesUrl}/caution-job-zh.html`);
  let tree: AxItem[] = [];
  await expect
    .poll(async () => (tree = await axTree(extensionContext, page)).some((n) => n.role === 'region' && /注意|Caution/.test(n.name)), { timeout: 15_000 })
    .toBe(true);
  expect(tree.some((n) => n.role === 'dialog')).toBe(false);
  // The page stays usable under the banner, and Escape (with focus in the banner) dismisses it.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect
    .poll(async () => (await axTree(extensionContext, page)).some((n) => n.role === 'region' && /注意|Caution/.test(n.name)))
    .toBe(false);
  await page.close();
  // A dismissed caution does not silence a danger on the same site.
  const danger = await extensionContext.newPage();
  await danger.goto(`${fixturesUrl}/investment-scam-zh.html`);
  await waitForDialog(extensionContext, danger);
  await danger.close();
  await serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { session: { remove(k: string): Promise<void> } } } }).chrome;
    await api.storage.session.remove('ack:127.0.0.1');
  });
});
