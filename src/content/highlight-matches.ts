// Marks the matched phrases on the page without rewriting the page's DOM: the CSS Custom
// Highlight API paints ranges (Chrome 105+, Firefox 140+). Where a browser lacks it, the
// elements holding the phrases get an outline instead (one attribute each, removed again).
// Colour is never the only sign: highlighted text is also underlined.
//
// The style lives in highlight.css, which the manifest injects before the page builds its DOM;
// its rules are scoped to the attributes set here, on the elements that hold a matched phrase
// only. A style sheet added to the page when the warning opens made the browser restyle every
// element (390-430 ms in one task on a page of 100,000 elements, issue 11: a rule for every
// element), and even scoped, visit every element to invalidate (19-32 ms).

const NAME = 'scam-sentinel';
const FALLBACK_ATTRIBUTE = 'data-scam-sentinel-highlight';
const TEXT_ATTRIBUTE = 'data-scam-sentinel-text';

/** The elements whose own text a range covers (a phrase may run across an inline element). */
function elementsOf(range: Range): Element[] {
  const start = range.startContainer;
  if (start === range.endContainer) return start.parentElement ? [start.parentElement] : [];
  const found = new Set<Element>();
  const ancestor = range.commonAncestorContainer;
  const doc = ancestor.ownerDocument ?? (ancestor as Document);
  const walker = doc.createTreeWalker(ancestor, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node: Node | null = walker.currentNode; node !== null; node = walker.nextNode()) {
    if (node.nodeType === 3 && range.intersectsNode(node) && node.parentElement) found.add(node.parentElement);
  }
  return [...found];
}

const hasHighlightApi = (): boolean => typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS;

let pending: ReturnType<typeof setTimeout> | null = null;

/**
 * Highlights the ranges in a task of their own, after the warning has opened: marking the
 * elements restyles them, which need not fall in the same task as opening the warning (issue 11).
 */
export function showHighlights(ranges: readonly Range[]): void {
  if (ranges.length === 0) return;
  if (pending !== null) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    paintHighlights(ranges);
  }, 0);
}

function paintHighlights(ranges: readonly Range[]): void {
  if (hasHighlightApi()) {
    for (const range of ranges) for (const el of elementsOf(range)) el.setAttribute(TEXT_ATTRIBUTE, '');
    CSS.highlights.set(NAME, new Highlight(...ranges));
    return;
  }
  for (const range of ranges) {
    const el = range.startContainer.parentElement;
    if (el) el.setAttribute(FALLBACK_ATTRIBUTE, '');
  }
}

export function clearHighlights(doc: Document): void {
  if (pending !== null) clearTimeout(pending);
  pending = null;
  if (hasHighlightApi()) CSS.highlights.delete(NAME);
  for (const el of Array.from(doc.querySelectorAll(`[${FALLBACK_ATTRIBUTE}], [${TEXT_ATTRIBUTE}]`))) {
    el.removeAttribute(FALLBACK_ATTRIBUTE);
    el.removeAttribute(TEXT_ATTRIBUTE);
  }
}

/** Brings the first matched phrase into view ("Why am I seeing this?"). */
export function scrollToFirst(ranges: readonly Range[]): void {
  const first = ranges.find((r) => r.startContainer.isConnected);
  first?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'auto' });
}
