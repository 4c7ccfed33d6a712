// Marks the matched phrases on the page without rewriting the page's DOM: the CSS Custom
// Highlight API paints ranges (Chrome 105+, Firefox 140+). Where a browser lacks it, the
// elements holding the phrases get an outline instead (one attribute each, removed again).
// Colour is never the only sign: highlighted text is also underlined.

const NAME = 'scam-sentinel';
const FALLBACK_ATTRIBUTE = 'data-scam-sentinel-highlight';
const STYLE_ID = 'scam-sentinel-highlight-style';
const CSS_TEXT = `::highlight(${NAME}) { background-color: #ffe066; color: #1b1b1b; text-decoration: underline wavy #b3261e 2px; }
[${FALLBACK_ATTRIBUTE}] { outline: 3px dashed #b3261e !important; outline-offset: 2px !important; }`;

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
 * Highlights the ranges in a task of their own, after the warning has opened: the highlight's
 * style sheet makes the browser restyle the whole page, which must not fall in the same task as
 * opening the warning (issue 11).
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
  for (const el of Array.from(doc.querySelectorAll(`[${FALLBACK_ATTRIBUTE}]`))) el.removeAttribute(FALLBACK_ATTRIBUTE);
  doc.getElementById(STYLE_ID)?.remove();
}

/** Brings the first matched phrase into view ("Why am I seeing this?"). */
export function scrollToFirst(ranges: readonly Range[]): void {
  const first = ranges.find((r) => r.startContainer.isConnected);
  first?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'auto' });
}
