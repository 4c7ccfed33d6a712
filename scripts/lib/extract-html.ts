// Visible text, title and page signals of a saved HTML page, read in Node without a browser.
// The CLI scanner (`npm run scan`) uses this so that a tester can check a saved page against the
// same engine the content script calls; it mirrors what the content script reads (DESIGN.md,
// "Content script": visible text, title, and forms / messenger links / APK downloads).
//
// Page scripts never run: happy-dom keeps JavaScript evaluation and file loading off, and we
// parse with DOMParser into a window whose navigation is disabled.
import { Window } from 'happy-dom';
import type { DomSignals } from '../../src/engine/types';
import { classifyField, describeText, emptySignals, isApkLink, messengerOf, NON_DATA_INPUT_TYPES } from '../../src/shared/page-signals';

export interface ExtractedPage {
  /** Visible text, blocks separated by newlines, whitespace inside a block collapsed. */
  text: string;
  title: string;
  signals: DomSignals;
}

// Minimal structural views of the DOM we walk, so this file does not depend on the DOM lib's
// element types (happy-dom's own classes are not the lib.dom ones).
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose content is never shown as text. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'IFRAME', 'OBJECT', 'EMBED',
  'CANVAS', 'svg', 'SVG', 'MATH', 'math',
]);

/** Elements that start a new line, so words from adjacent blocks never run together. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'OPTION', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'BUTTON', 'LABEL', 'SELECT',
  'TEXTAREA',
]);

const FIELD_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Inline-style and attribute checks: the ways a saved page hides text without a stylesheet. */
function isHidden(el: DomElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  if ((el.getAttribute('aria-hidden') ?? '').trim().toLowerCase() === 'true') return true;
  if (el.nodeName === 'INPUT' && (el.getAttribute('type') ?? '').toLowerCase() === 'hidden') return true;
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (!style) return false;
  return (
    /(^|;)display:none/.test(style) ||
    /(^|;)visibility:(hidden|collapse)/.test(style) ||
    /(^|;)content-visibility:hidden/.test(style)
  );
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Everything that says what a field asks for. The parent's text is used only when it is short,
 * as in `<div><span>银行卡号：</span><input></div>`, so that one big form does not lend its words
 * to every field in it.
 */
function describeField(el: DomElement, labelsFor: Map<string, string>): string {
  const parts: string[] = [];
  for (const attr of ['name', 'id', 'placeholder', 'aria-label', 'title', 'autocomplete']) {
    const v = el.getAttribute(attr);
    if (v) parts.push(v);
  }
  const id = el.getAttribute('id');
  if (id && labelsFor.has(id)) parts.push(labelsFor.get(id) ?? '');
  for (let p = el.parentNode; p && p.nodeType === ELEMENT_NODE; p = p.parentNode) {
    if (p.nodeName === 'LABEL') {
      parts.push(p.textContent ?? '');
      break;
    }
  }
  const parentText = collapse(el.parentNode?.textContent ?? '');
  if (parentText.length > 0 && parentText.length <= 40) parts.push(parentText);
  return describeText(parts.join(' '));
}

export function extractHtml(html: string, baseUrl = 'https://page.invalid/'): ExtractedPage {
  const window = new Window({
    url: baseUrl,
    settings: {
      disableJavaScriptFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      disableComputedStyleRendering: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    const root = doc.documentElement as unknown as DomElement | null;
    const titleEl = doc.querySelector('title') as unknown as DomNode | null;
    const title = collapse(titleEl?.textContent ?? '');

    const labelsFor = new Map<string, string>();
    if (root) {
      const labels = root.querySelectorAll('label[for]');
      for (let i = 0; i < labels.length; i++) {
        const label = labels[i];
        const target = label?.getAttribute('for');
        if (label && target) labelsFor.set(target, (labelsFor.get(target) ?? '') + ' ' + (label.textContent ?? ''));
      }
    }

    const pieces: string[] = [];
    const signals = emptySignals();
    const messengers = new Set<string>();

    // Iterative walk (no recursion limit on deeply nested pages). A '\n' marker is pushed before
    // and after each block element; markers are squeezed at the end.
    type Frame = { node: DomNode; exit: boolean };
    const stack: Frame[] = root ? [{ node: root, exit: false }] : [];
    while (stack.length > 0) {
      const frame = stack.pop() as Frame;
      const node = frame.node;
      if (frame.exit) {
        pieces.push('\n');
        continue;
      }
      if (node.nodeType === TEXT_NODE) {
        const t = (node.textContent ?? '').replace(/\s+/g, ' ');
        if (t) pieces.push(t);
        continue;
      }
      if (node.nodeType !== ELEMENT_NODE) continue;
      const el = node as DomElement;
      const tag = el.nodeName.toUpperCase();
      if (SKIPPED_TAGS.has(el.nodeName) || SKIPPED_TAGS.has(tag) || isHidden(el)) continue;

      if (tag === 'A' || tag === 'AREA') {
        const href = el.getAttribute('href');
        if (href) {
          const m = messengerOf(href, baseUrl);
          if (m) messengers.add(m);
          if (isApkLink(href, baseUrl, el.getAttribute('download'))) signals.apkDownload = true;
        }
      }
      if (FIELD_TAGS.has(tag)) {
        const type = (el.getAttribute('type') ?? 'text').toLowerCase();
        if (!NON_DATA_INPUT_TYPES.has(type)) {
          const asks = classifyField(describeField(el, labelsFor));
          if (asks.bankCard) signals.bankCardForm = true;
          if (asks.idNumber) signals.idNumberForm = true;
          if (asks.verificationCode) signals.verificationCodeForm = true;
        }
      }

      const block = BLOCK_TAGS.has(tag);
      if (block) {
        pieces.push('\n');
        stack.push({ node, exit: true });
      }
      const children = el.childNodes;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push({ node: child, exit: false });
      }
    }

    const text = pieces
      .join('')
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .filter((line) => line.length > 0)
      .join('\n');
    signals.messengerLinks = [...messengers].sort();
    return { text, title, signals };
  } finally {
    void window.happyDOM.close();
  }
}
