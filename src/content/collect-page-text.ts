// Reads what a person sees on the page: the text of visible elements, the title and the URL.
// Kept apart from the content script so it runs under happy-dom in unit tests.
//
// Issue 11: every word a person can see is read, however long the page, and nothing they cannot
// see is. So there is no cap on characters: the reader walks the page in slices (the caller gives
// each slice its time budget) and hands back the text in chunks. Text the person cannot see
// (display:none, visibility:hidden, zero-size fonts, transparent or fully see-through text,
// boxes pushed off the page, closed <details>) is neither read nor counted, so filler cannot push
// a scam out of reach; the reader notes where it skipped such text, so that text revealed later
// (a class toggled, `hidden` removed, <details> opened) can be read when it appears. Open shadow
// roots, same-origin iframes and `display:contents` wrappers are read like any other element.
//
// The walk is linear: one computed style per element, taken on entering it and kept on the walk's
// own stack, so no text node looks up its ancestors (a 5,000-deep chain stays cheap), and a
// hidden element's subtree is skipped whole.
import type { AnalyzeInput } from '../engine/types';

/** Elements whose text is never shown to the reader (iframes are read through their document). */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OBJECT', 'SVG', 'CANVAS', 'HEAD', 'TITLE']);

// Text in different blocks must not run together ("…保证收益" + "客服微信…"), but text split
// over inline elements must (scammers break up "guar<b>anteed</b>" to slip past filters).
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BUTTON', 'DD', 'DETAILS', 'DIALOG', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'OPTION', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TD', 'TH', 'TR', 'UL', 'IFRAME', 'BODY',
]);

/** Why the reader skipped an element: itself hidden (with all inside), or only its own text unseen. */
export type HiddenKind = 'element' | 'text';

/**
 * Whether markup alone hides this node or an ancestor (hidden, aria-hidden, never-shown
 * elements): the cheap check for nodes met outside a walk from the page's root (page signals).
 */
export function hiddenByMarkup(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el === null || el.closest('[hidden], [aria-hidden="true"], script, style, noscript, template') !== null;
}

const styleOf = (el: Element): CSSStyleDeclaration | null => el.ownerDocument.defaultView?.getComputedStyle(el) ?? null;

/** The alpha of a computed colour ("rgba(0, 0, 0, 0)", "transparent", "rgb(…)", "color(srgb … / 0)"). */
function alphaOf(color: string): number {
  if (color === 'transparent') return 0;
  const slash = color.lastIndexOf('/');
  if (slash >= 0) return parseFloat(color.slice(slash + 1));
  if (color.startsWith('rgba(')) return parseFloat(color.slice(color.lastIndexOf(',') + 1));
  return 1;
}

/** Boxes taken out of the flow: the only ones a page can place off the page or shrink to nothing. */
export const isOutOfFlow = (style: CSSStyleDeclaration): boolean => style.position === 'absolute' || style.position === 'fixed';

/**
 * Whether a box out of the flow is out of sight by its place: left of or above the page (where
 * no scrolling reaches), or a screen-reader-only box of a pixel that clips its text.
 */
export function offPage(rect: DOMRectReadOnly, style: CSSStyleDeclaration, view: Window | null): boolean {
  if (rect.width <= 0 && rect.height <= 0) return false;
  if (rect.right + (view?.scrollX ?? 0) <= 0 || rect.bottom + (view?.scrollY ?? 0) <= 0) return true;
  return rect.width <= 1 && rect.height <= 1 && style.overflow !== 'visible';
}

/**
 * Whether an element and all inside it are unseen, from its own computed style: the walk has
 * already checked its ancestors. No layout is read here (a forced layout of a big page costs
 * hundreds of milliseconds): where a box is placed is checked apart (offPage).
 */
export function elementHidden(el: Element, style: CSSStyleDeclaration | null): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (style === null) return false;
  if (style.display === 'none' || style.contentVisibility === 'hidden') return true;
  const opacity = parseFloat(style.opacity);
  if (opacity < 0.05) return true;
  return isOutOfFlow(style) && (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)' || style.clipPath === 'inset(100%)');
}

/** Whether text directly inside an element with this style is unseen (inherited properties). */
export function textHidden(style: CSSStyleDeclaration | null): boolean {
  if (style === null) return false;
  if (style.visibility === 'hidden' || style.visibility === 'collapse') return true;
  const size = parseFloat(style.fontSize);
  if (size < 1) return true;
  if (alphaOf(style.color) < 0.05) return true;
  const indent = parseFloat(style.textIndent);
  return indent <= -999;
}

/**
 * Whether an element the reader skipped (or whose own text it skipped) is shown now. Its
 * ancestors were seen when it was skipped, so its own style answers.
 */
export function revealedNow(el: Element, kind: HiddenKind): boolean {
  const style = styleOf(el);
  if (elementHidden(el, style)) return false;
  if (el.tagName.toUpperCase() === 'DETAILS' && !el.hasAttribute('open')) return false;
  return kind === 'element' || !textHidden(style);
}

/** Block-level display values: text on either side of such a box must not run together. */
const isBlockDisplay = (display: string): boolean =>
  display !== '' && !display.startsWith('inline') && display !== 'contents' && display !== 'none';

/** Where a text node's value (from `offset` in it) starts in the collected text: to turn offsets back into DOM ranges. */
export interface TextSegment {
  start: number;
  node: Text;
  /** Where in the node's value this piece starts (a long text node is read over several chunks). */
  offset?: number;
}

export interface TextReaderHooks {
  /** An element skipped as unseen, or whose own text was: text revealed there later is read then. */
  onHidden?(el: Element, kind: HiddenKind): void;
  /** A shadow root or a same-origin frame's document the walk entered: its changes are watched too. */
  onRoot?(root: ShadowRoot | Document): void;
  /** An iframe met (seen): a frame that loads later is read then. */
  onFrame?(frame: HTMLIFrameElement): void;
  /**
   * A box out of the flow (absolute, fixed): 'later' when the hook will check its place without
   * forcing a layout and have it read then (skip it now), 'seen' when its place was checked and
   * it is in sight, 'now' to check its place here. Without the hook: 'now'.
   */
  onOutOfFlow?(el: Element): 'later' | 'seen' | 'now';
}

/** One level of the walk: the nodes left to read under an element (or a root), and its style. */
interface Frame {
  /** The next node to read, following nextSibling; or, for a slot's assigned nodes, a list. */
  next: Node | null;
  list: readonly Node[] | null;
  index: number;
  /** The element whose style the text here inherits (null: none known, e.g. happy-dom's document). */
  style: CSSStyleDeclaration | null;
  styleOwner: Element | null;
  /** Whether text directly in this element is unseen (computed on the first text met). */
  textHidden: boolean | null;
  block: boolean;
}

/**
 * Reads the visible text under some roots, in as many calls of `read` as the caller likes.
 * Collected text piles up in a buffer that the caller takes in chunks (`take`), keeping an overlap.
 */
export interface VisibleTextReader {
  /**
   * Reads on until `stop()` says so (checked every few nodes), `maxChars` are buffered, or all is
   * read; returns true when all is read.
   */
  read(stop: () => boolean, maxChars?: number): boolean;
  /** Characters buffered so far. */
  readonly buffered: number;
  /**
   * The buffered text and where each piece comes from; the last `keep` characters stay buffered
   * as the start of the next chunk (so that a passage split between chunks is still read whole).
   */
  take(keep?: number): { text: string; segments: TextSegment[] };
}

/** How many nodes between two looks at the clock. */
const CLOCK_EVERY = 32;

export function createTextReader(roots: readonly Node[], hooks: TextReaderHooks = {}): VisibleTextReader {
  const stack: Frame[] = [];
  let rootIndex = 0;
  let parts: string[] = [];
  let length = 0;
  let segments: TextSegment[] = [];
  let pendingBreak = false;
  /** A text node read in pieces (longer than a chunk): it and where the next piece starts. */
  let partial: { node: Text; from: number } | null = null;

  const push = (piece: string): void => {
    parts.push(piece);
    length += piece.length;
  };
  const breakLine = (): void => {
    if (pendingBreak && length > 0) push('\n');
    pendingBreak = false;
  };

  const frameFor = (first: Node | null, list: readonly Node[] | null, styleOwner: Element | null, style: CSSStyleDeclaration | null, block: boolean): Frame => ({
    next: list ? null : first,
    list,
    index: 0,
    style,
    styleOwner,
    textHidden: null,
    block,
  });

  /** Starts reading a root: an element (checked like any other), a text node, or a document. */
  const enterRoot = (root: Node): void => {
    pendingBreak = true;
    if (root.nodeType === Node.DOCUMENT_NODE) {
      const doc = root as Document;
      const body = doc.body ?? doc.documentElement;
      if (body) enterElement(body);
      return;
    }
    if (root.nodeType === Node.TEXT_NODE) {
      const parent = root.parentElement;
      stack.push(frameFor(null, [root], parent, parent ? styleOf(parent) : null, false));
      return;
    }
    if (root.nodeType === Node.ELEMENT_NODE) enterElement(root as Element);
    else if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) stack.push(frameFor(root.firstChild, null, null, null, false));
  };

  /** Checks an element on entering it; pushes a frame for its children if it is seen. */
  const enterElement = (el: Element): void => {
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      push('\n');
      return;
    }
    const style = styleOf(el);
    if (elementHidden(el, style)) {
      hooks.onHidden?.(el, 'element');
      return;
    }
    if (style !== null && isOutOfFlow(style)) {
      const placed = hooks.onOutOfFlow?.(el) ?? 'now';
      if (placed === 'later') return;
      if (placed === 'now' && offPage(el.getBoundingClientRect(), style, el.ownerDocument.defaultView)) {
        hooks.onHidden?.(el, 'element');
        return;
      }
    }
    const block = BLOCK_TAGS.has(tag) || (style !== null && isBlockDisplay(style.display));
    if (block) pendingBreak = true;
    if (tag === 'IFRAME') {
      hooks.onFrame?.(el as HTMLIFrameElement);
      // Same-origin frames are read as part of the page; others are not ours to read.
      let inner: Document | null;
      try {
        inner = (el as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null;
      }
      const body = inner?.body ?? null;
      if (inner && body) {
        hooks.onRoot?.(inner);
        stack.push(frameFor(null, [body], el, style, true));
      }
      return;
    }
    if (tag === 'DETAILS' && !el.hasAttribute('open')) {
      // A closed <details> shows only its summary; the rest is read when it opens.
      hooks.onHidden?.(el, 'element');
      const summary = Array.from(el.children).find((c) => c.tagName.toUpperCase() === 'SUMMARY');
      if (summary) stack.push(frameFor(null, [summary], el, style, block));
      return;
    }
    if (tag === 'SLOT') {
      const assigned = (el as HTMLSlotElement).assignedNodes?.() ?? [];
      if (assigned.length > 0) {
        stack.push(frameFor(null, assigned, el, style, block));
        return;
      }
    }
    const shadow = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot;
    if (shadow) {
      // An open shadow root is what is shown; the light children appear through its slots.
      hooks.onRoot?.(shadow);
      stack.push(frameFor(shadow.firstChild, null, el, style, block));
      return;
    }
    stack.push(frameFor(el.firstChild, null, el, style, block));
  };

  const readText = (node: Text, frame: Frame, maxChars: number): void => {
    const value = node.nodeValue ?? '';
    if (value === '') return;
    if (frame.textHidden === null) {
      frame.textHidden = textHidden(frame.style);
      if (frame.textHidden && frame.styleOwner) hooks.onHidden?.(frame.styleOwner, 'text');
    }
    if (frame.textHidden) return;
    // Whitespace between blocks is not text of its own: it must not cancel a line break.
    if (pendingBreak && value.trim() === '') return;
    breakLine();
    const room = Math.max(1, maxChars - length);
    if (value.length > room) {
      segments.push({ start: length, node, offset: 0 });
      push(value.slice(0, room));
      partial = { node, from: room };
      return;
    }
    segments.push({ start: length, node });
    push(value);
  };

  /** One step: the next node of the walk. False when there is nothing left. */
  const step = (maxChars: number): boolean => {
    if (partial) {
      const { node, from } = partial;
      const value = node.nodeValue ?? '';
      const room = Math.max(1, maxChars - length);
      segments.push({ start: length, node, offset: from });
      push(value.slice(from, from + room));
      partial = from + room < value.length ? { node, from: from + room } : null;
      return true;
    }
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (rootIndex >= roots.length) return false;
      enterRoot(roots[rootIndex++]!);
      return true;
    }
    let node: Node | null;
    if (frame.list) node = frame.index < frame.list.length ? frame.list[frame.index++]! : null;
    else {
      node = frame.next;
      if (node) frame.next = node.nextSibling;
    }
    if (node === null) {
      stack.pop();
      if (frame.block) pendingBreak = true;
      return true;
    }
    if (node.nodeType === Node.TEXT_NODE) readText(node as Text, frame, maxChars);
    else if (node.nodeType === Node.ELEMENT_NODE) enterElement(node as Element);
    return true;
  };

  return {
    get buffered() {
      return length;
    },
    read(stop, maxChars = Number.POSITIVE_INFINITY) {
      for (let n = 1; ; n++) {
        if (!step(maxChars)) return true;
        if (length >= maxChars) return false;
        if (n % CLOCK_EVERY === 0 && stop()) return false;
      }
    },
    take(keep = 0) {
      const text = parts.join('');
      const kept = segments;
      const cut = Math.max(0, text.length - keep);
      const tail = text.slice(cut);
      parts = tail === '' ? [] : [tail];
      length = tail.length;
      // The pieces that reach into the kept tail, renumbered from it (a piece cut in two starts
      // before 0: rangesOf counts into its node from there).
      const from = lastAtOrBefore(kept, cut);
      segments = kept.slice(from).filter((s) => s.start + ((s.node.nodeValue?.length ?? 0) - (s.offset ?? 0)) > cut).map((s) => ({ ...s, start: s.start - cut }));
      return { text, segments: kept };
    },
  };
}

/** The index of the last segment starting at or before `position` (segments are in text order). */
function lastAtOrBefore(segments: readonly TextSegment[], position: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The visible text under `root`, blocks separated by newlines, all of it in one go (tests, small
 * subtrees). With `segments`, records where each text node starts in it (for highlights).
 */
export function collectVisibleText(root: Node, segments?: TextSegment[], hooks?: TextReaderHooks): string {
  const reader = createTextReader([root], hooks);
  reader.read(() => false);
  const taken = reader.take();
  segments?.push(...taken.segments);
  return taken.text;
}

/**
 * The DOM ranges of the collected text's [start, end): one per text node it spans (a phrase split
 * over inline elements, "guar<b>anteed</b>", spans several).
 */
export function rangesOf(doc: Document, segments: readonly TextSegment[], start: number, end: number): Range[] {
  const ranges: Range[] = [];
  for (let i = lastAtOrBefore(segments, start); i < segments.length && segments[i]!.start < end; i++) {
    const { node, start: at } = segments[i]!;
    const offset = segments[i]!.offset ?? 0;
    const length = node.nodeValue?.length ?? 0;
    const from = Math.max(offset, start - at + offset);
    const to = Math.min(length, end - at + offset);
    if (from >= to || !node.isConnected) continue;
    const range = doc.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    ranges.push(range);
  }
  return ranges;
}

/** Everything the engine reads from a page, in one go (tests and small pages; the content script reads in slices). */
export function collectPageText(doc: Document, segments?: TextSegment[]): AnalyzeInput {
  return {
    text: collectVisibleText(doc, segments),
    title: doc.title,
    url: doc.location?.href ?? '',
  };
}
