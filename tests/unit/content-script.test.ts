// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://scam.example/offer" }
// The content script's wiring (src/content/guard-page.ts, which content-script.ts hands the real
// browser) against a fake browser: storage areas, a background that answers as told or never,
// and i18n. It shows the local verdict at once, sends no host or path, and lets the background's
// answer and the settings refine what is shown.
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { compileRules, type Rule, type RuleType } from '../../src/engine/index';
import type { ContentBrowser, GuardedPage, guardPage as GuardPage, LoadPageWarnings, PageWarningsModule } from '../../src/content/guard-page';
import { RULES_KEYS } from '../../src/rules/rules-in-force';
import { deserializeCompiled, serializeCompiled } from '../../src/engine/serialize-compiled';
import { createPrefilter, derivePrefilter } from '../../src/engine/prefilter';
import { defaultSettings, SETTINGS_STORAGE_KEY } from '../../src/shared/settings';
import { isContentToBackgroundMessage, type AnalyzeTextMessage, type PageResultResponse } from '../../src/shared/messages';
import { answerAnalyze } from '../../src/background/answer-analyze';

const explanation = { en: 'why', zh_CN: 'why', zh_TW: 'why' };
const rule = (id: string, type: RuleType, cue: string, weight: number, phrases: string[]): Rule => ({
  id, type, cue, lang: 'any', weight, patterns: { phrases }, explanation, source: 'test', examples: { scam: [], benign: [] },
});
const RULES = [
  rule('returns', 'investment', 'returns', 3, ['稳赚不赔']),
  rule('mentor', 'investment', 'mentor', 3, ['带单老师']),
  rule('fee', 'investment', 'fee', 4, ['解冻费']),
];
const DANGER_TEXT = '稳赚不赔！带单老师带你赚，提现先交解冻费。';

// The test build's open shadow root, so the test can read which warning is shown.
(globalThis as Record<string, unknown>).__SCAM_SENTINEL_TEST_HOOKS__ = true;
let guardPage: typeof GuardPage;
/** The settings, verdict and warning, as the guard's module holds them (guard-module.ts). */
let warningsModule: PageWarningsModule;
beforeAll(async () => {
  ({ guardPage } = await import('../../src/content/guard-page'));
  warningsModule = await import('../../src/content/page-warnings');
});

type Listener = (changes: Record<string, unknown>, area: string) => void;

/**
 * A fake `browser`: storage.local as a map, no policy, and a background that scores the page's
 * text as the real one does (answer-analyze.ts, with the rules in force: a feed's from storage
 * when its version is newer than the bundled 1, else RULES) and answers the page's reports with
 * `reply` (or never, or not at all).
 */
function fakeBrowser(options: { local?: Record<string, unknown>; managed?: ContentBrowser['storage']['managed']; reply?: PageResultResponse | Promise<PageResultResponse> | 'never' | 'error' } = {}) {
  const local: Record<string, unknown> = { ...options.local };
  /** The reports (every message but the text to score). */
  const sent: unknown[] = [];
  /** The chunks of text sent to be scored. */
  const analyzed: AnalyzeTextMessage[] = [];
  const bundled = compileRules(RULES);
  const listeners: Listener[] = [];
  const api: ContentBrowser = {
    storage: {
      local: {
        get: async (keys) => {
          const wanted = keys === null ? Object.keys(local) : typeof keys === 'string' ? [keys] : keys;
          return Object.fromEntries(wanted.filter((k) => k in local).map((k) => [k, local[k]]));
        },
      },
      managed: options.managed ?? null,
      onChanged: { addListener: (listener) => void listeners.push(listener) },
    },
    runtime: {
      sendMessage: async (message) => {
        if (!isContentToBackgroundMessage(message)) throw new Error('refused');
        if (message.kind === 'cs-bg-analyze') {
          analyzed.push(message);
          const feed = typeof local[RULES_KEYS.version] === 'number' && (local[RULES_KEYS.version] as number) > 1;
          const rules = feed ? deserializeCompiled(JSON.parse(local[RULES_KEYS.compiled] as string)) : bundled;
          // As through the browser: a copy, not the background's own objects.
          return structuredClone(await answerAnalyze(message, { prefilter: createPrefilter(derivePrefilter(rules)), full: async () => rules }));
        }
        sent.push(message);
        if (options.reply === 'never') return new Promise(() => undefined);
        if (options.reply === 'error') throw new Error('Could not establish connection. Receiving end does not exist.');
        return (message as { kind: string }).kind === 'cs-bg-page-result' ? (options.reply ?? { acknowledged: 'none', listed: null }) : undefined;
      },
    },
    i18n: { getMessage: (name) => name, getUILanguage: () => 'en' },
  };
  /** Writes to storage.local and tells the listeners, as the browser does. */
  const write = (items: Record<string, unknown>): void => {
    Object.assign(local, items);
    for (const listener of listeners) listener(Object.fromEntries(Object.keys(items).map((k) => [k, { newValue: items[k] }])), 'local');
  };
  return { api, sent, analyzed, write };
}

/** What the warning shows: 'dialog', 'banner' or 'nothing'. */
function shown(): 'dialog' | 'banner' | 'nothing' {
  const root = document.querySelector('scam-sentinel-warning')?.shadowRoot;
  if (!root) return 'nothing';
  return root.querySelector('dialog') ? 'dialog' : 'banner';
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function page(text: string): void {
  document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }));
}

let guarded: GuardedPage | null = null;
afterEach(() => {
  guarded?.stop();
  guarded = null;
  document.querySelectorAll('scam-sentinel-warning').forEach((n) => n.remove());
});

/**
 * Starts the content script and lets it read the page's first chunk: sent to the background, which
 * finds a reason, then sent again with its context and scored, a few promises and yields later (issue 11).
 */
const start = async (api: ContentBrowser, loadWarnings: LoadPageWarnings = async () => warningsModule): Promise<GuardedPage> => {
  guarded = await guardPage(api, window, loadWarnings);
  for (let i = 0; i < 8; i++) await settle();
  return guarded;
};

describe('the content script', () => {
  test('warns a danger page at once, though the background never answers its report', async () => {
    page(DANGER_TEXT);
    const fake = fakeBrowser({ reply: 'never' });
    await start(fake.api);
    expect(shown()).toBe('dialog');
  });

  test('warns a danger page when the background cannot take its report', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    page(DANGER_TEXT);
    const fake = fakeBrowser({ reply: 'error' });
    await start(fake.api);
    await settle();
    expect(shown()).toBe('dialog');
    expect(debug).toHaveBeenCalledWith('Scam Sentinel: could not reach the background', expect.any(Error));
    debug.mockRestore();
  });

  test('an ordinary page sends its text alone, reads no settings, loads no warning, and is not warned', async () => {
    page('Opening hours and a map to our shop.');
    const fake = fakeBrowser();
    const get = vi.spyOn(fake.api.storage.local, 'get');
    const load = vi.fn(async () => warningsModule);
    await start(fake.api, load);
    expect(shown()).toBe('nothing');
    expect(load).not.toHaveBeenCalled();
    expect(fake.analyzed.length).toBeGreaterThan(0);
    expect(fake.analyzed.every((m) => m.context === undefined)).toBe(true);
    expect(get).not.toHaveBeenCalled();
    expect((fake.sent[0] as { level: string }).level).toBe('none');
  });

  test('a warning that cannot be loaded still warns: the background is asked for the full-tab warning, once the page is reported', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    page(DANGER_TEXT);
    const fake = fakeBrowser();
    await start(fake.api, () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    await expect.poll(() => fake.sent.map((m) => (m as { kind: string }).kind)).toEqual(['cs-bg-page-result', 'cs-bg-escalate']);
    expect(fake.sent[1]).toEqual({ kind: 'cs-bg-escalate', why: 'unshown' });
    expect((fake.sent[0] as { level: string }).level).toBe('danger');
    // The text was still scored in full, at the default sensitivity and without the page's signals.
    expect(fake.analyzed.at(-1)?.context).toEqual({ sensitivity: 'standard', signals: {} });
    expect(debug).toHaveBeenCalledWith('Scam Sentinel: the warning could not be loaded', expect.any(TypeError));
    debug.mockRestore();
  });

  test('does not wait for browser policy, which Chromium answers seconds late after a start', async () => {
    page(DANGER_TEXT);
    let answerPolicy: (policy: Record<string, unknown>) => void = () => undefined;
    const policy = new Promise<Record<string, unknown>>((resolve) => (answerPolicy = resolve));
    const fake = fakeBrowser({ managed: { get: () => policy } });
    await start(fake.api);
    expect(shown()).toBe('dialog');
    // Until policy is known, the dialog offers no way to stay (policy may forbid it).
    const buttons = (): string[] => [...(document.querySelector('scam-sentinel-warning')?.shadowRoot?.querySelectorAll('button') ?? [])].map((b) => b.textContent ?? '');
    expect(buttons()).not.toContain('warning_trust');
    answerPolicy({});
    await settle();
    await settle();
    expect(shown()).toBe('dialog');
    expect(buttons()).toContain('warning_trust');
  });

  test('a policy that changes nothing for the warning leaves it drawn as it is (no second dialog)', async () => {
    page(DANGER_TEXT);
    // Senior mode without a PIN: no way to stay, whether policy is known or not.
    const fake = fakeBrowser({ local: { [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), seniorMode: true } }, managed: { get: async () => ({}) } });
    await start(fake.api);
    const drawn = document.querySelector('scam-sentinel-warning');
    await settle();
    await settle();
    expect(document.querySelector('scam-sentinel-warning')).toBe(drawn);
    expect(shown()).toBe('dialog');
  });

  test('policy read late still applies: a forced sensitivity reads the page again', async () => {
    page(DANGER_TEXT);
    const fake = fakeBrowser({ managed: { get: async () => ({ sensitivity: 'relaxed' }) } });
    await start(fake.api);
    await expect.poll(() => (fake.sent.at(-1) as { level: string }).level).toBe('caution');
    expect(shown()).toBe('banner');
  });

  test('tells the background the level and the rules, never the page\'s host, path or text', async () => {
    page(DANGER_TEXT);
    const fake = fakeBrowser();
    await start(fake.api);
    expect(fake.sent).toHaveLength(1);
    const message = fake.sent[0] as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(['findings', 'kind', 'level']);
    expect(message.kind).toBe('cs-bg-page-result');
    expect(message.level).toBe('danger');
    expect(JSON.stringify(message)).not.toContain('scam.example');
    expect(JSON.stringify(message)).not.toContain('带你赚');
    // The text went to be scored, with its context once the background found a reason, and no address.
    for (const chunk of fake.analyzed) {
      expect(Object.keys(chunk).every((k) => ['kind', 'text', 'title', 'context'].includes(k))).toBe(true);
      expect(JSON.stringify(chunk)).not.toContain('scam.example');
    }
    expect(fake.analyzed.at(-1)?.context).toEqual({ sensitivity: 'standard', signals: expect.any(Object) });
  });

  test('a clean page on a listed site is warned once the background says so', async () => {
    page('Opening hours and a map to our shop.');
    let answer: (reply: PageResultResponse) => void = () => undefined;
    const fake = fakeBrowser({ reply: new Promise<PageResultResponse>((resolve) => (answer = resolve)) });
    await start(fake.api);
    expect(shown()).toBe('nothing');
    answer({ acknowledged: 'none', listed: { listId: 'gaso' } });
    await settle();
    expect(shown()).toBe('dialog');
  });

  test('a site acknowledged earlier this session loses the warning when the background says so', async () => {
    page(DANGER_TEXT);
    const fake = fakeBrowser({ reply: { acknowledged: 'danger', listed: null } });
    await start(fake.api);
    await settle();
    expect(shown()).toBe('nothing');
  });

  test('a trusted site is not warned, and trusting it from the options page removes the warning', async () => {
    page(DANGER_TEXT);
    const trusted = fakeBrowser({ local: { [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), allowlist: ['scam.example'] } } });
    await start(trusted.api);
    expect(shown()).toBe('nothing');
    guarded?.stop();

    const fake = fakeBrowser();
    await start(fake.api);
    expect(shown()).toBe('dialog');
    fake.write({ [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), allowlist: ['scam.example'] } });
    await settle();
    await settle();
    expect(shown()).toBe('nothing');
  });

  test('reads the page at the person\'s sensitivity, and again when it changes', async () => {
    page(DANGER_TEXT);
    const level = (fake: ReturnType<typeof fakeBrowser>): unknown => (fake.sent.at(-1) as { level: string }).level;
    const relaxed = fakeBrowser({ local: { [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), sensitivity: 'relaxed' } } });
    await start(relaxed.api);
    expect(level(relaxed)).toBe('caution');
    expect(shown()).toBe('banner');
    relaxed.write({ [SETTINGS_STORAGE_KEY]: { ...defaultSettings(), sensitivity: 'standard' } });
    await expect.poll(() => level(relaxed)).toBe('danger');
    expect(shown()).toBe('dialog');
  });

  test('newer rules from the feed are used, and a rules update reads the page again', async () => {
    page('Join the moonlit orchard bonus scheme today.');
    const feedRules = [...RULES, rule('orchard', 'investment', 'returns', 9, ['moonlit orchard bonus scheme'])];
    const fake = fakeBrowser();
    await start(fake.api);
    expect(shown()).toBe('nothing');
    fake.write({ [RULES_KEYS.compiled]: JSON.stringify(serializeCompiled(compileRules(feedRules))), [RULES_KEYS.prefilter]: derivePrefilter(compileRules(feedRules)), [RULES_KEYS.version]: 2 });
    await expect.poll(() => (fake.sent.at(-1) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual(['orchard']);
  });
});
