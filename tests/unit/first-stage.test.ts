// @vitest-environment happy-dom
// The content script's first stage (src/content/first-stage.ts): the raw text as text nodes with a
// separator (the background reads it both ways: tests/unit/answer-analyze.test.ts), what it refuses
// to judge, and when it starts the full guard, against a fake background; and what a page gets
// when the guard's module cannot be loaded (src/content/guard-unloaded.ts).
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FIRST_PASS_MS, firstStage, rawText } from '../../src/content/first-stage';
import { guardUnloaded } from '../../src/content/guard-unloaded';
import type { ContentBrowser } from '../../src/content/guard-page';
import { MAX_ANALYZE_TEXT, RAW_TEXT_SEPARATOR } from '../../src/shared/messages';

/** Test markup into the body (a contextual fragment, as tests/unit/collect-page-text.test.ts does). */
function setBody(html: string): void {
  const range = document.createRange();
  range.selectNodeContents(document.body);
  document.body.replaceChildren(range.createContextualFragment(html)); // eslint-disable-line no-restricted-syntax
}

afterEach(() => {
  document.body.replaceChildren();
  document.title = '';
});

function fakeApi(answer: (message: Record<string, unknown>) => unknown): { api: ContentBrowser; sent: Record<string, unknown>[]; changed: (c: Record<string, unknown>, area: string) => void } {
  const sent: Record<string, unknown>[] = [];
  let listener: (c: Record<string, unknown>, area: string) => void = () => undefined;
  const api = {
    storage: { local: { get: async () => ({}) }, managed: null, onChanged: { addListener: (l: typeof listener) => (listener = l) } },
    runtime: {
      sendMessage: async (message: unknown) => {
        sent.push(message as Record<string, unknown>);
        return answer(message as Record<string, unknown>);
      },
    },
    i18n: { getMessage: () => '', getUILanguage: () => 'en' },
  } as unknown as ContentBrowser;
  return { api, sent, changed: (c, area) => listener(c, area) };
}
const clear = { verdict: 'clear' };
const reason = { verdict: 'reason' };
const answering = (analyze: unknown) => (m: Record<string, unknown>) => (m.kind === 'cs-bg-analyze' ? analyze : undefined);
const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('rawText', () => {
  test('gives every text node outside script and style, each followed by the separator the background reads both ways', () => {
    setBody('<p>earn <b>dai</b>ly</p><p>profit</p><script>var x = "no"</script><style>p{}</style>');
    expect(rawText(document.body)!.split(RAW_TEXT_SEPARATOR)).toEqual(['earn ', 'dai', 'ly', 'profit', '']);
  });
  test('steps over a script or style sheet wherever it stands, and reads on after it', () => {
    setBody('<div><p>one<span>two<script>var x</script></span></p></div><p>three</p><svg></svg><noscript>n</noscript>five');
    // An SVG style sheet (made by hand: happy-dom's parser reads the rest of the page into it).
    const svg = 'http://www.w3.org/2000/svg';
    const sheet = Object.assign(document.createElementNS(svg, 'style'), { textContent: '.a{}' });
    document.querySelector('svg')!.append(sheet, Object.assign(document.createElementNS(svg, 'text'), { textContent: 'four' }));
    expect(rawText(document.body)!.split(RAW_TEXT_SEPARATOR)).toEqual(['one', 'two', 'three', 'four', 'five', '']);
    const inner = document.querySelector('span')!;
    expect(rawText(inner)!.split(RAW_TEXT_SEPARATOR)).toEqual(['two', '']);
    expect(rawText(document.querySelector('script')!)).toBe('');
  });
  test('refuses what only the full guard reads: an open shadow root, a frame or embedded document', () => {
    setBody('<div id="host"></div>');
    document.getElementById('host')!.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('p'), { textContent: 'hidden in the root' }));
    expect(rawText(document.body)).toBeNull();
    setBody('<object></object>'); // (an iframe is refused the same way: happy-dom cannot hold one)
    expect(rawText(document.body)).toBeNull();
  });
  test('a changed text node of a style sheet or script is no text', () => {
    const style = document.createElement('style');
    style.textContent = '.a{color:red}';
    document.body.append(style);
    expect(rawText(style.firstChild!)).toBe('');
    const p = document.createElement('p');
    p.textContent = 'daily profit';
    document.body.append(p);
    expect(rawText(p.firstChild!)).toContain('daily profit');
  });
  test('refuses a page of more nodes than one pass may visit', () => {
    const many = document.createDocumentFragment();
    for (let i = 0; i < 20_001; i++) many.append(document.createElement('i'));
    document.body.append(many);
    expect(rawText(document.body)).toBeNull();
  });
  test('refuses a page too slow to read in one pass (the guard reads it in slices)', () => {
    const many = document.createDocumentFragment();
    for (let i = 0; i < 2000; i++) many.append(Object.assign(document.createElement('p'), { textContent: 'x' }));
    document.body.append(many);
    let clock = 0;
    // Each look at the clock finds a millisecond gone: the budget runs out within the page.
    expect(rawText(document.body, () => clock++)).toBeNull();
    expect(rawText(document.body, () => 0)).not.toBeNull();
    expect(FIRST_PASS_MS).toBeLessThan(50);
  });
  test('refuses a text too long for one message', () => {
    document.body.textContent = 'x'.repeat(MAX_ANALYZE_TEXT / 2 - 2000);
    expect(rawText(document.body)).not.toBeNull();
    document.body.textContent = 'x'.repeat(MAX_ANALYZE_TEXT / 2);
    expect(rawText(document.body)).toBeNull();
  });
});

describe('firstStage', () => {
  test('a clean page: one question about the whole page, nothing else, and the guard never starts', async () => {
    setBody('<p>The council met on Tuesday.</p>');
    document.title = 'Council';
    const { api, sent } = fakeApi(answering(clear));
    const start = vi.fn();
    const stage = firstStage(api, window, start);
    await settle();
    expect(start).not.toHaveBeenCalled();
    // The background records the cleared page as clean for the popup (content-handlers.ts): no report.
    expect(sent).toEqual([{ kind: 'cs-bg-analyze', firstStage: 'page', title: 'Council', text: `Council${RAW_TEXT_SEPARATOR}The council met on Tuesday.${RAW_TEXT_SEPARATOR}` }]);
    stage.stop();
  });
  test('an empty page is asked about too (so that its tab is recorded clean)', async () => {
    const { api, sent } = fakeApi(answering(clear));
    firstStage(api, window, vi.fn()).stop();
    await settle();
    expect(sent).toEqual([{ kind: 'cs-bg-analyze', firstStage: 'page', title: '', text: '' }]);
  });
  test('a reason starts the guard, once', async () => {
    setBody('<p>稳赚不赔</p>');
    const { api } = fakeApi(answering(reason));
    const start = vi.fn();
    firstStage(api, window, start);
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
  });
  test('a background that cannot be asked starts the guard (it has its own retries)', async () => {
    setBody('<p>Hello</p>');
    const { api } = fakeApi(() => {
      throw new Error('no background');
    });
    const start = vi.fn();
    firstStage(api, window, start);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(start).toHaveBeenCalledTimes(1);
  });
  test('text added later is asked about, and a reason in it starts the guard; a shadow root added later starts it at once', async () => {
    setBody('<p>Hello</p>');
    const { api, sent } = fakeApi((m) => (String(m.text).includes('稳赚') ? reason : clear));
    const start = vi.fn();
    firstStage(api, window, start);
    await settle();
    expect(start).not.toHaveBeenCalled();
    const p = document.createElement('p');
    p.textContent = '稳赚不赔';
    document.body.append(p);
    await settle();
    expect(sent.at(-1)).toEqual({ kind: 'cs-bg-analyze', firstStage: 'added', title: '', text: `稳赚不赔${RAW_TEXT_SEPARATOR}` });
    expect(start).toHaveBeenCalledTimes(1);

    setBody('<p>Hello</p>');
    const second = vi.fn();
    firstStage(fakeApi(answering(clear)).api, window, second);
    await settle();
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
    await settle();
    expect(second).toHaveBeenCalledTimes(1);
  });
  test('new rules ask about the whole page again', async () => {
    setBody('<p>稳赚不赔</p>');
    let verdict = clear;
    const { api, changed } = fakeApi(() => verdict);
    const start = vi.fn();
    firstStage(api, window, start);
    await settle();
    expect(start).not.toHaveBeenCalled();
    verdict = reason;
    changed({ 'rules.version': { newValue: 2 } }, 'local');
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
  });
});

describe('guardUnloaded: the guard module cannot be loaded', () => {
  const finding = { ruleId: 'returns', type: 'investment', cue: 'returns', weight: 5, matches: [{ field: 'text', start: 0, end: 4, quote: '稳赚不赔' }], explanationKey: 'rule_returns', source: 'test' };
  const result = (level: string) => ({
    verdict: 'result',
    explanations: { returns: { en: 'Guaranteed profit.', zh_CN: '保证赚钱。', zh_TW: '保證賺錢。' } },
    result: { level, scores: { investment: level === 'none' ? 0 : 9, romance: 0, recruitment: 0 }, topType: null, aboutFraud: false, findings: level === 'none' ? [] : [finding], signals: [] },
  });
  const background = (level: string, listed: unknown = null) => (m: Record<string, unknown>) =>
    m.kind === 'cs-bg-analyze' ? result(level) : m.kind === 'cs-bg-page-result' ? { acknowledged: 'none', listed } : undefined;

  test('the visible text is scored with the default context, reported, and a scam page asks for the full-tab warning', async () => {
    setBody('<p>稳赚不赔</p>');
    document.title = 'Offer';
    const { api, sent } = fakeApi(background('danger'));
    await guardUnloaded(api, document);
    expect(sent.map((m) => m.kind)).toEqual(['cs-bg-analyze', 'cs-bg-page-result', 'cs-bg-escalate']);
    expect(sent[0]).toMatchObject({ title: 'Offer', context: { sensitivity: 'standard', signals: {} } });
    expect(String(sent[0]!.text)).toContain('稳赚不赔');
    // The report quotes the page and explains each rule in the person's language.
    expect(sent[1]).toEqual({ kind: 'cs-bg-page-result', level: 'danger', findings: [{ ruleId: 'returns', type: 'investment', quotes: ['稳赚不赔'], explanation: 'Guaranteed profit.' }] });
    expect(sent[2]).toEqual({ kind: 'cs-bg-escalate', why: 'unshown' });
  });
  test('a clean page is reported and nothing more, unless its site is listed', async () => {
    setBody('<p>Hello</p>');
    const clean = fakeApi(background('none'));
    await guardUnloaded(clean.api, document);
    expect(clean.sent.map((m) => m.kind)).toEqual(['cs-bg-analyze', 'cs-bg-page-result']);
    const listed = fakeApi(background('none', { listId: 'gaso' }));
    await guardUnloaded(listed.api, document);
    expect(listed.sent.map((m) => m.kind)).toEqual(['cs-bg-analyze', 'cs-bg-page-result', 'cs-bg-escalate']);
  });
});
