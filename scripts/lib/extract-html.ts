// Visible text, title and page signals of a saved HTML page, read in Node without a browser.
// The CLI scanner (`npm run scan`) uses this so that a tester can check a saved page against the
// same engine the content script calls; it mirrors what the content script reads (DESIGN.md,
// "Content script": visible text, title, and forms / messenger links / APK downloads).
//
// Page scripts never run: happy-dom keeps JavaScript evaluation and file loading off, and we
// parse with DOMParser into a window whose navigation is disabled.
import { Window } from 'happy-dom';
import type { PageSignals } from '../../src/engine/types';

export interface ExtractedPage {
  /** Visible text, blocks separated by newlines, whitespace inside a block collapsed. */
  text: string;
  title: string;
  signals: Required<PageSignals>;
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
/** Input types that never ask the user for data. */
const NON_DATA_INPUT_TYPES = new Set([
  'hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file', 'range', 'color',
]);

// What a form field asks for, judged from its name, id, placeholder, autocomplete, aria-label
// and label text (split camelCase / snake_case first, see describeField). The articles describe
// victims asked for bank cards, ID and passport numbers and SMS codes (seeds 000, 002, 003).
const BANK_CARD = [
  // "ID card number" is an identity document, not a bank card.
  /\bbank ?card/, /(?<!\bid )(?<!identity )\bcard ?(number|no|num)\b/, /\bcardno\b/, /\bcardnum\b/, /\b(credit|debit) ?card\b/,
  /\bcc ?(number|num)\b/, /\b(bank )?account ?(number|no)\b/, /\biban\b/,
  /银行卡/, /卡号/, /银行账号/, /银行帐号/, /信用卡/, /储蓄卡/, /借记卡/, /开户行/,
];
const ID_NUMBER = [
  /\bid ?(card|number|no|num)\b/, /\bidentity ?(card|number|no)\b/, /\bnational ?id\b/,
  /\bpassport/, /\bssn\b/, /\bsocial ?security\b/, /\bidcard\b/,
  /身份证/, /证件号/, /护照/, /身份号/, /身分证/,
];
const VERIFICATION_CODE = [
  /\bverif\w* ?code\b/, /\bverify ?code\b/, /\botp\b/, /\bone ?time ?(code|password|passcode)\b/,
  /\bsms ?code\b/, /\bauth\w* ?code\b/, /\bvcode\b/,
  /验证码/, /驗證碼/, /校验码/, /动态码/, /短信码/,
];

/** Messenger contact links, by URL scheme or host. Scam scripts move victims to these apps. */
const MESSENGER_SCHEMES: Record<string, string> = {
  'tg:': 'telegram',
  'whatsapp:': 'whatsapp',
  'line:': 'line',
  'weixin:': 'wechat',
  'wechat:': 'wechat',
  'tencent:': 'qq',
  'mqq:': 'qq',
  'mqqwpa:': 'qq',
  'mqqapi:': 'qq',
};
const MESSENGER_HOSTS: [RegExp, string][] = [
  [/^(t\.me|telegram\.me|telegram\.dog)$/, 'telegram'],
  [/^(wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com)$/, 'whatsapp'],
  [/^(line\.me|lin\.ee|page\.line\.me|liff\.line\.me)$/, 'line'],
  [/^(u\.wechat\.com|weixin\.qq\.com|work\.weixin\.qq\.com)$/, 'wechat'],
  [/^(wpa\d*\.qq\.com|qm\.qq\.com|im\.qq\.com)$/, 'qq'],
];

/** Which messenger a link points to, or null. */
export function messengerOf(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const byScheme = MESSENGER_SCHEMES[url.protocol];
  if (byScheme) return byScheme;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  for (const [re, name] of MESSENGER_HOSTS) if (re.test(host)) return name;
  return null;
}

function isApkLink(href: string, base: string, download: string | null): boolean {
  if (download && /\.apk$/i.test(download.trim())) return true;
  try {
    return /\.apk$/i.test(new URL(href, base).pathname);
  } catch {
    return false;
  }
}

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

/** Split camelCase and separators so "bankCardNo" and "bank_card_no" both read "bank card no". */
export function describeText(raw: string): string {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.[\]:：/]+/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
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

function matchesAny(patterns: RegExp[], s: string): boolean {
  return patterns.some((re) => re.test(s));
}

/**
 * Parse `html` and return its visible text, title and page signals.
 * `baseUrl` resolves relative links (a saved page's own URL when known).
 */
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
    const signals: Required<PageSignals> = {
      bankCardForm: false,
      idNumberForm: false,
      verificationCodeForm: false,
      messengerLinks: [],
      apkDownload: false,
    };
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
          const d = describeField(el, labelsFor);
          if (matchesAny(BANK_CARD, d)) signals.bankCardForm = true;
          if (matchesAny(ID_NUMBER, d)) signals.idNumberForm = true;
          if (matchesAny(VERIFICATION_CODE, d)) signals.verificationCodeForm = true;
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
