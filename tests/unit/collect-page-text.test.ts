// @vitest-environment happy-dom
// What the content script reads from a page: visible text only, blocks kept apart, words split
// over inline elements kept together (the evasion "guar<b>anteed</b>"), and bounded.
import { afterEach, describe, expect, test } from 'vitest';
import { collectPageText, collectVisibleText } from '../../src/content/collect-page-text';

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
    ['aria-hidden subtrees are skipped', '<div aria-hidden="true"><p>icon label</p></div><p>shown</p>', 'shown'],
    ['aria-hidden="false" is read', '<p aria-hidden="false">shown</p>', 'shown'],
    ['display:none is skipped', '<p style="display:none">secret</p><p>shown</p>', 'shown'],
    ['visibility:hidden is skipped', '<p style="visibility:hidden">secret</p><p>shown</p>', 'shown'],
  ])('%s', (_name, html, expected) => {
    expect(collectVisibleText(bodyWith(html)).trim()).toBe(expected);
  });

  test('text is cut at the limit', () => {
    const body = bodyWith(`<p>${'a'.repeat(50)}</p><p>${'b'.repeat(50)}</p>`);
    const text = collectVisibleText(body, 60);
    expect(text.length).toBe(60);
    expect(text.startsWith('a'.repeat(50))).toBe(true);
  });

  test('a huge page is bounded by the default limit', () => {
    const body = bodyWith(`<p>${'字'.repeat(250_000)}</p>`);
    expect(collectVisibleText(body).length).toBe(200_000);
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
