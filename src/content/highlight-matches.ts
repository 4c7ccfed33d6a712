// Marks the matched phrases on the page without rewriting the page's DOM: the CSS Custom
// Highlight API paints ranges (Chrome 105+, Firefox 140+). Where a browser lacks it, the
// elements holding the phrases get an outline instead (one attribute each, removed again).
// Colour is never the only sign: highlighted text is also underlined.
//
// The highlight's rule is scoped to the elements that hold a matched phrase (one attribute each):
// a rule for every element (`::highlight(…)` alone) made the browser restyle the whole page when
// the style sheet came in, 390-430 ms in one task on a page of 100,000 elements (issue 11,
// `npm run bench:browser -- --only deep`); an attribute selector restyles only the marked elements.

const NAME = 'scam-sentinel';
const FALLBACK_ATTRIBUTE = 'data-scam-sentinel-highlight';
const TEXT_ATTRIBUTE = 'data-scam-sentinel-text';
const STYLE_ID = 'scam-sentinel-highlight-style';
const HIGHLIGHT_STYLE = 'background-color: #ffe066; color: #1b1b1b; text-decoration: underline wavy #b3261e 2px;';
const CSS_TEXT = `[${TEXT_ATTRIBUTE}]::highlight(${NAME}), [${TEXT_ATTRIBUTE}] *::highlight(${NAME}) { ${HIGHLIGHT_STYLE} }
[${FALLBACK_ATTRIBUTE}] { outline: 3px dashed #b3261e !important; outline-offset: 2px !important; }`;

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

function ensureStyle(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS_TEXT;
  (doc.head ?? doc.documentElement).append(style);
}

const hasHighlightApi = (): boolean => typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS;

let pending: ReturnType<typeof setTimeout> | null = null;

/**
 * Highlights the ranges in a task of their own, after the warning has opened: the style it
 * brings restyles the marked elements, which need not fall in the same task as opening the
 * warning (issue 11).
 */
export function showHighlights(doc: Document, ranges: readonly Range[]): void {
  if (ranges.length === 0) return;
  if (pending !== null) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    paintHighlights(doc, ranges);
  }, 0);
}

function paintHighlights(doc: Document, ranges: readonly Range[]): void {
  ensureStyle(doc);
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
  doc.getElementById(STYLE_ID)?.remove();
}

/** Brings the first matched phrase into view ("Why am I seeing this?"). */
export function scrollToFirst(ranges: readonly Range[]): void {
  const first = ranges.find((r) => r.startContainer.isConnected);
  first?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'auto' });
}
