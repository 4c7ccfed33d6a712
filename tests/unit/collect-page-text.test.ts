// @vitest-environment happy-dom
// What the content script reads from a page: visible text only, blocks kept apart, words split
// over inline elements kept together (the evasion "guar<b>anteed</b>"), unseen text skipped, and no
// cap: long pages are read in chunks (issue 11).
import { afterEach, describe, expect, test } from 'vitest';
import { collectPageText, collectVisibleText, createTextReader, rangesOf } from '../../src/content/collect-page-text';

function bodyWith(html: string): HTMLElement {
  // Test markup written here, not page data: the one place a test may set HTML directly.
  const range = document.createRange();
  document.body.replaceChildren(range.createContextualFragment(html)); // eslint-disable-line no-restricted-syntax
  return document.body;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('collectVisibleText', () => {
  test.each([
    ['plain text', '<p>稳赚不赔</p>', '稳赚不赔'],
    ['inline elements join without a gap', '<p>guar<b>ant</b><i>eed</i> returns</p>', 'guaranteed returns'],
    ['blocks are separated', '<div>日收益</div><div>8%</div>', '日收益\n8%'],
    ['text after a closed block starts a new line', '<div><div>A</div>B</div>', 'A\nB'],
    ['br breaks a line', '<p>one<br>two</p>', 'one\ntwo'],
    ['table cells are separated', '<table><tr><td>a</td><td>b</td></tr></table>', 'a\nb'],
    ['script is skipped', '<p>shown</p><script>var hidden = 1;</script>', 'shown'],
    ['style is skipped', '<style>p { color: red }</style><p>shown</p>', 'shown'],
    ['noscript is skipped', '<noscript>enable js</noscript><p>shown</p>', 'shown'],
    ['template is skipped', '<template><p>later</p></template><p>shown</p>', 'shown'],
    ['the hidden attribute is skipped', '<p hidden>secret</p><p>shown</p>', 'shown'],
    // aria-hidden hides from assistive technology only: a sighted person still reads it.
    ['aria-hidden text is read: the person sees it', '<div aria-hidden="true"><p>seen</p></div><p>shown</p>', 'seen\nshown'],
    ['display:none is skipped', '<p style="display:none">secret</p><p>shown</p>', 'shown'],
    ['visibility:hidden is skipped', '<p style="visibility:hidden">secret</p><p>shown</p>', 'shown'],
  ])('%s', (_name, html, expected) => {
    expect(collectVisibleText(bodyWith(html)).trim()).toBe(expected);
  });

  test.each([
    ['zero-size font', '<p style="font-size:0">filler</p><p>shown</p>'],
    ['transparent text', '<p style="color:transparent">filler</p><p>shown</p>'],
    ['see-through box', '<div style="opacity:0"><p>filler</p></div><p>shown</p>'],
    ['inherited visibility', '<div style="visibility:hidden"><p>filler</p></div><p>shown</p>'],
    ['closed details (only the summary shows)', '<details><summary>shown</summary><p>filler</p></details>'],
    ['text pushed out of view', '<p style="text-indent:-9999px">filler</p><p>shown</p>'],
  ])('unseen text is not read: %s', (_name, html) => {
    expect(collectVisibleText(bodyWith(html)).trim()).toBe('shown');
  });

  test('a child may show what its parent hides (visibility is inherited, not a subtree cut)', () => {
    expect(collectVisibleText(bodyWith('<div style="visibility:hidden">a<p style="visibility:visible">b</p></div>')).trim()).toBe('b');
  });

  test('an open <details>, display:contents and an open shadow root are read', () => {
    const body = bodyWith('<details open><summary>s</summary><p>inside</p></details><div style="display:contents"><p>contents</p></div><div id="host">light</div>');
    const host = body.querySelector('#host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.append(Object.assign(document.createElement('p'), { textContent: 'shadow ' }), document.createElement('slot'));
    expect(collectVisibleText(body).split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['s', 'inside', 'contents', 'shadow', 'light']);
  });

  test('hidden elements are reported, to be read when revealed', () => {
    const seen: string[] = [];
    collectVisibleText(bodyWith('<p hidden id="a">x</p><p id="b" style="font-size:0">y</p><p>z</p>'), undefined, {
      onHidden: (el, kind) => seen.push(`${el.id}:${kind}`),
    });
    expect(seen).toEqual(['a:element', 'b:text']);
  });

  // happy-dom's own style code recurses on deeper trees; the 5,000-deep chain runs in Chromium
  // (scripts/bench-browser.ts).
  test('a deep chain is read without recursion', () => {
    let el: HTMLElement = bodyWith('');
    for (let i = 0; i < 500; i++) el = el.appendChild(document.createElement('span'));
    el.textContent = 'deep';
    expect(collectVisibleText(document.body).trim()).toBe('deep');
  });
});

describe('createTextReader', () => {
  test('there is no cap: all is read, in chunks that overlap, and a long text node is split between them', () => {
    const body = bodyWith(`<p>${'a'.repeat(50)}</p><p>${'b'.repeat(250)}</p>`);
    const reader = createTextReader([body]);
    const chunks: string[] = [];
    let done = false;
    while (!done) {
      done = reader.read(() => false, 100);
      chunks.push(reader.take(done ? 0 : 10).text);
    }
    expect(chunks[0]).toBe(`${'a'.repeat(50)}\n${'b'.repeat(49)}`);
    // Each chunk starts with the last 10 characters of the one before.
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.slice(0, 10)).toBe(chunks[i - 1]!.slice(-10));
    expect(chunks.map((c, i) => (i === 0 ? c : c.slice(10))).join('')).toBe(`${'a'.repeat(50)}\n${'b'.repeat(250)}`);
  });

  test('a read stops when told to, and goes on from there', () => {
    const body = bodyWith(Array.from({ length: 200 }, (_, i) => `<p>${i}</p>`).join(''));
    const reader = createTextReader([body]);
    let calls = 0;
    while (!reader.read(() => true)) calls++;
    expect(calls).toBeGreaterThan(1);
    expect(reader.take().text.split('\n')).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
  });

  test('the ranges of a chunk point into the right text nodes, also for a node split between chunks', () => {
    const body = bodyWith(`<p>${'x'.repeat(90)}稳赚不赔${'y'.repeat(20)}</p>`);
    const reader = createTextReader([body]);
    expect(reader.read(() => false, 100)).toBe(false);
    reader.take(20);
    reader.read(() => false, 100);
    const { text, segments } = reader.take();
    const at = text.indexOf('稳赚不赔');
    expect(rangesOf(document, segments, at, at + 4).map((r) => r.toString())).toEqual(['稳赚不赔']);
  });
});

describe('collectPageText', () => {
  test('reads the title and the URL with the text', () => {
    document.title = '高收益理财';
    bodyWith('<h1>Join our VIP group</h1>');
    const input = collectPageText(document);
    expect(input.title).toBe('高收益理财');
    expect(input.text.trim()).toBe('Join our VIP group');
    expect(input.url).toBe(document.location.href);
  });
});
