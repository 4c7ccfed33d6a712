// Reads what a person sees on the page: the text of visible elements, the title and the URL.
// Kept apart from the content script so it runs under happy-dom in unit tests.
import type { AnalyzeInput } from '../engine/types';

/** Enough for any real article or job ad; bounds the work on huge pages (DESIGN: "bounded"). */
export const MAX_PAGE_TEXT = 200_000;

/** Elements whose text is never shown to the reader. */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'SVG', 'CANVAS']);

// Text in different blocks must not run together ("…保证收益" + "客服微信…"), but text split
// over inline elements must (scammers break up "guar<b>anteed</b>" to slip past filters).
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BUTTON', 'DD', 'DETAILS', 'DIALOG', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'OPTION', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

function isHidden(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName.toUpperCase())) return true;
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  // checkVisibility() answers from computed style (display:none, content-visibility) without
  // forcing a layout per call; absent in older browsers and in happy-dom.
  const check = (element as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') {
    return !check.call(element, { visibilityProperty: true });
  }
  return false;
}

/**
 * Whether markup alone hides this node or an ancestor (hidden, aria-hidden, never-shown
 * elements): the cheap check for nodes met outside a walk from the page's root.
 */
export function hiddenByMarkup(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el === null || el.closest('[hidden], [aria-hidden="true"], script, style, noscript, template') !== null;
}

function blockOf(node: Node, root: Node): Node {
  for (let el = node.parentElement; el !== null && el !== root; el = el.parentElement) {
    if (BLOCK_TAGS.has(el.tagName.toUpperCase())) return el;
  }
  return root;
}

/** Where a text node's value starts in the collected text: to turn offsets back into DOM ranges. */
export interface TextSegment {
  start: number;
  node: Text;
}

/**
 * The visible text under `root`, blocks separated by newlines, at most `limit` characters.
 * With `segments`, records where each text node starts in it (for highlights).
 */
export function collectVisibleText(root: Node, limit = MAX_PAGE_TEXT, segments?: TextSegment[]): string {
  const doc = root.ownerDocument ?? (root as Document);
  const parts: string[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  const push = (piece: string): void => {
    const room = limit - length;
    const kept = piece.length > room ? piece.slice(0, room) : piece;
    parts.push(kept);
    length += kept.length;
  };
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        // REJECT skips the whole subtree: nothing inside a hidden element is read.
        return isHidden(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node !== null && length < limit; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if ((node as Element).tagName.toUpperCase() === 'BR') push('\n');
      continue;
    }
    const value = node.nodeValue ?? '';
    if (value === '') continue;
    // A text node in another block than the previous one starts a new line; this catches both
    // entering a block and leaving one ("<div>A</div>B"), which a TreeWalker does not report.
    const block = blockOf(node, root);
    if (lastBlock !== null && block !== lastBlock) push('\n');
    lastBlock = block;
    segments?.push({ start: length, node: node as Text });
    push(value);
  }
  return parts.join('');
}

/**
 * The DOM ranges of the collected text's [start, end): one per text node it spans (a phrase split
 * over inline elements, "guar<b>anteed</b>", spans several).
 */
export function rangesOf(doc: Document, segments: readonly TextSegment[], start: number, end: number): Range[] {
  const ranges: Range[] = [];
  // The last segment starting at or before `start` (segments are in text order).
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= start) lo = mid;
    else hi = mid - 1;
  }
  for (let i = lo; i < segments.length && segments[i]!.start < end; i++) {
    const { node, start: at } = segments[i]!;
    const length = node.nodeValue?.length ?? 0;
    const from = Math.max(0, start - at);
    const to = Math.min(length, end - at);
    if (from >= to || !node.isConnected) continue;
    const range = doc.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    ranges.push(range);
  }
  return ranges;
}

/** Everything the engine reads from a page. */
export function collectPageText(doc: Document, limit = MAX_PAGE_TEXT, segments?: TextSegment[]): AnalyzeInput {
  const body = doc.body ?? doc.documentElement;
  return {
    text: body ? collectVisibleText(body, limit, segments) : '',
    title: doc.title,
    url: doc.location?.href ?? '',
  };
}
