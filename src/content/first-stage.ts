// The content script's first stage (issue 11, "light on every page": ≤ 5 ms of main thread on an
// ordinary page). Most pages give the rules no reason at all, and proving that costs far less
// than reading the page as a person sees it: one pass over the page's text nodes, no styles, and
// one question to the background's prefilter. Only when the answer is a reason (or the page holds
// what this pass cannot read: an open shadow root, a frame) does the full guard start
// (guard-page.ts: the visible walk, the watcher, the warning), and from then on it runs as before.
//
// Why a superset is safe: the text nodes include every word a person can see (and hidden ones,
// which can only add reasons), each followed by a separator the background reads both as nothing
// and as a line break (messages.ts RAW_TEXT_SEPARATOR), so a phrase that markup splits
// ("<b>dai</b>ly") or that blocks separate is read whole in one of the two. The prefilter itself
// never clears text in which the engine finds a cue (tests/unit/prefilter.test.ts). The background
// records a cleared page as clean for the popup (content-handlers.ts), and answers a listed scam
// site with a reason, so an ordinary page costs one message. This file and what it imports are all
// an ordinary page compiles: the guard is a module of its own (load-guard-module.ts).
import { rulesChanged } from '../rules/rules-keys';
import { MAX_ANALYZE_TEXT, MAX_ANALYZE_TITLE, RAW_TEXT_SEPARATOR } from '../shared/messages';
import type { ContentBrowser } from './guard-page';
import { askBackground } from './ask-to-score';

/**
 * Text this long or longer is read by the full guard at once (the first stage sends one message,
 * of at most MAX_ANALYZE_TEXT). Half of that: a long page is handed over sooner, and most pages
 * hold far less text.
 */
const MAX_FIRST_TEXT = Math.floor(MAX_ANALYZE_TEXT / 2);
/** Nodes visited at most in one pass (a page of 100,000 elements is read by the guard, in slices). */
const MAX_FIRST_NODES = 20_000;
/**
 * Time one pass may take, in ms: a page whose walk takes longer is read by the guard, in slices that
 * yield to it (issue 11, "never stall the page"). Cold, each node costs the browser a few
 * microseconds (its wrapper in this world is made on first touch): 20,000 nodes of a 2 MB article
 * took one task of over 50 ms before this budget.
 */
export const FIRST_PASS_MS = 12;
/** Nodes between two looks at the clock. */
const CLOCK_EVERY = 256;
/** Mutations are gathered this long before their text is checked. */
const BATCH_MS = 60;

/** Elements whose text is no page text (by localName: HTML's and SVG's style alike). */
const SKIP = new Set(['script', 'style', 'noscript', 'template']);
/** Elements only the full guard reads (a frame's or an embedded document's text is not in this one). */
const FRAMES = new Set(['iframe', 'frame', 'object', 'embed']);

/**
 * The text under `root` (text nodes outside script and style), each followed by
 * RAW_TEXT_SEPARATOR; null when it holds something only the full guard reads, or is too long or
 * too slow to read in one pass (FIRST_PASS_MS on the clock `now`). It runs on every
 * page, cold (issue 11: the whole first stage is a few milliseconds), so each node costs as few
 * calls into the DOM as it can: an element's localName and shadowRoot, a text node's data; a
 * script or style sheet is stepped over whole rather than its text checked against its parent.
 */
export function rawText(root: Node, now: () => number = () => performance.now()): string | null {
  // A changed text node: none from a script or a style sheet (CSS-in-JS rewrites those all the time).
  if (root.nodeType === 3) return SKIP.has(root.parentElement?.localName ?? '') ? '' : (root as Text).data + RAW_TEXT_SEPARATOR;
  if (root.nodeType === 1) {
    const el = root as Element;
    if (el.shadowRoot !== null || FRAMES.has(el.localName)) return null;
    if (SKIP.has(el.localName)) return '';
  }
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  const parts: string[] = [];
  let length = 0;
  let visited = 0;
  const deadline = now() + FIRST_PASS_MS;
  let node = walker.nextNode();
  while (node !== null) {
    if (++visited > MAX_FIRST_NODES || (visited % CLOCK_EVERY === 0 && now() > deadline)) return null;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el.shadowRoot !== null) return null;
      const name = el.localName;
      if (FRAMES.has(name)) return null;
      if (SKIP.has(name)) {
        node = nextOutside(walker, root);
        continue;
      }
    } else {
      const data = (node as Text).data;
      length += data.length + 1;
      if (length > MAX_FIRST_TEXT) return null;
      parts.push(data, RAW_TEXT_SEPARATOR);
    }
    node = walker.nextNode();
  }
  return parts.join('');
}

/** The node after the walker's current one and all it holds, within `root` (null at the end). */
function nextOutside(walker: TreeWalker, root: Node): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling !== null) return sibling;
    const parent = walker.parentNode();
    if (parent === null || parent === root) return null;
  }
}

export interface FirstStage {
  stop(): void;
}

/**
 * Checks the page (and what is later added to it) against the background's prefilter, and calls
 * `start` once, when the page gives a reason, holds what only the guard reads, is a listed site,
 * or the background cannot be asked. Then it stops.
 */
export function firstStage(api: ContentBrowser, win: Window & typeof globalThis, start: () => void): FirstStage {
  const doc = win.document;
  let started = false;
  let observer: MutationObserver | null = null;
  const go = (): void => {
    if (started) return;
    started = true;
    observer?.disconnect();
    clearTimeout(timer);
  };
  const begin = (): void => {
    if (started) return;
    go();
    start();
  };
  /** Asks the prefilter about `text`; a reason, or no answer, starts the guard. */
  const check = async (text: string | null, firstStage: 'page' | 'added'): Promise<boolean> => {
    if (text === null) {
      begin();
      return false;
    }
    try {
      const reply = await askBackground(api.runtime.sendMessage, { kind: 'cs-bg-analyze', text, title: doc.title.slice(0, MAX_ANALYZE_TITLE), firstStage });
      if (reply.verdict === 'clear') return true;
    } catch {
      // No answer: the full guard has its own retries and fallbacks.
    }
    begin();
    return false;
  };

  let pending: Node[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    const nodes = pending;
    pending = [];
    const texts: string[] = [];
    for (const node of nodes) {
      if (!node.isConnected) continue;
      const text = rawText(node);
      if (text === null) return begin();
      texts.push(text);
    }
    const text = texts.join('');
    if (text.replaceAll(RAW_TEXT_SEPARATOR, '').trim() !== '') void check(text, 'added');
  };
  // The whole page, every time: a clean page is recorded as clean by the background (the popup says so).
  const whole = (): void => void check(rawText(doc.documentElement), 'page');

  observer = new win.MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') pending.push(r.target);
      else for (const node of r.addedNodes) pending.push(node);
      // The title changed, or a node moved into the head: read the title with the next batch.
    }
    if (pending.length > 0 && timer === undefined && !started) timer = setTimeout(flush, BATCH_MS);
  });
  observer.observe(doc, { subtree: true, childList: true, characterData: true });
  api.storage.onChanged.addListener((changes, area) => {
    // New rules: the whole page is asked about again.
    if (!started && area === 'local' && rulesChanged(changes)) whole();
  });
  whole();
  return { stop: go };
}
