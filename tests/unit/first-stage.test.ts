// @vitest-environment happy-dom
// The content script's first stage (src/content/first-stage.ts): the raw text read both ways, what
// it refuses to judge, and when it starts the full guard, against a fake background.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { firstStage, rawText } from '../../src/content/first-stage';
import type { ContentBrowser } from '../../src/content/guard-page';

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
const site = { acknowledged: 'none', listed: null };
const answering = (analyze: unknown, page: unknown = site) => (m: Record<string, unknown>) => (m.kind === 'cs-bg-analyze' ? analyze : page);
const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('rawText', () => {
  test('joins the text nodes with nothing and with line breaks, so a phrase split by markup is read whole', () => {
    setBody('<p>earn <b>dai</b>ly</p><p>profit</p><script>var x = "no"</script><style>p{}</style>');
    const text = rawText(document.body)!;
    expect(text).toContain('earn daily');
    expect(text).toContain('dai\nly');
    expect(text).not.toContain('var x');
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
  test('refuses a text too long for one message', () => {
    document.body.textContent = 'x'.repeat(120_000);
    expect(rawText(document.body)).toBeNull();
  });
});

describe('firstStage', () => {
  test('a clean page: one question, a clean report, and the guard never starts', async () => {
    setBody('<p>The council met on Tuesday.</p>');
    const { api, sent } = fakeApi(answering(clear));
    const start = vi.fn();
    const stage = firstStage(api, window, start);
    await settle();
    expect(start).not.toHaveBeenCalled();
    expect(sent.map((m) => m.kind)).toEqual(['cs-bg-analyze', 'cs-bg-page-result']);
    expect(sent[1]).toMatchObject({ level: 'none', findings: [] });
    stage.stop();
  });
  test('a reason starts the guard, once', async () => {
    setBody('<p>稳赚不赔</p>');
    const { api } = fakeApi(answering(reason));
    const start = vi.fn();
    firstStage(api, window, start);
    await settle();
    expect(start).toHaveBeenCalledTimes(1);
  });
  test('a listed site starts the guard even when its text is clean', async () => {
    setBody('<p>Welcome</p>');
    const { api } = fakeApi(answering(clear, { acknowledged: 'none', listed: { listId: 'gaso' } }));
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
    const { api, sent } = fakeApi((m) => (m.kind === 'cs-bg-analyze' ? (String(m.text).includes('稳赚') ? reason : clear) : site));
    const start = vi.fn();
    firstStage(api, window, start);
    await settle();
    expect(start).not.toHaveBeenCalled();
    const p = document.createElement('p');
    p.textContent = '稳赚不赔';
    document.body.append(p);
    await settle();
    expect(sent.filter((m) => m.kind === 'cs-bg-analyze').at(-1)!.text).toContain('稳赚不赔');
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
    const { api, changed } = fakeApi((m) => (m.kind === 'cs-bg-analyze' ? verdict : site));
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
