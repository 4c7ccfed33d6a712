// Watches a page for text that appears after the first read and has it read (issue 11): nodes
// added, text changed, and text revealed by attribute changes (a class toggled, `hidden` removed,
// <details> opened, an inline style), in the document and in the shadow roots and same-origin
// frames the scanner entered; and single-page apps moving to another URL, which read the page
// whole again. Nothing is read in the observer's callback: it only notes what changed.
//
// When: soon after a person's click or key press (text revealed by input is warned within a
// few hundred milliseconds; browsers withhold idle time after input, so requestIdleCallback is not
// used), otherwise at most every MIN_INTERVAL_MS however fast the page changes. The reading itself
// is sliced (page-scanner.ts), so the page never stalls on it.
import type { AnalyzeResult } from '../engine/types';
import type { PageScanner } from './page-scanner';

/** At most one read of added text per interval when nobody is typing or clicking. */
export const MIN_INTERVAL_MS = 250;
/** The wait after a person's input: enough for the page's own handlers to finish their changes. */
export const AFTER_INPUT_MS = 30;
/** How long after a click or key press changes count as its doing. */
const INPUT_WINDOW_MS = 1000;

/** The attributes that can show or hide text. */
export const REVEALING_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-hidden', 'aria-expanded'];

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: REVEALING_ATTRIBUTES,
};

export interface PageWatcher {
  /** Also watches a shadow root or a same-origin frame's document (the scanner entered it). */
  observe(root: ShadowRoot | Document): void;
  /** Reads an element soon, as if it had been added (a box out of the flow found in sight). */
  read(el: Element): void;
  /** Reads a same-origin frame again when it (re)loads (a frame still loading when the page was read). */
  observeFrame(frame: HTMLIFrameElement): void;
  /** Reads the page whole again now (new rules, new sensitivity). */
  rescan(): void;
  stop(): void;
}

export interface PageWatcherOptions {
  /** The scanner in force (the content script replaces it when the rules change). */
  scanner(): PageScanner;
  /** A result to report to the background and show. */
  report(result: AnalyzeResult): void;
  /** Our own nodes (the warning's host): their changes are not the page's text. */
  ignore?(node: Node): boolean;
}

export function watchPage(doc: Document, options: PageWatcherOptions): PageWatcher {
  const win = doc.defaultView ?? window;
  let pending = new Set<Node>();
  let changed = new Set<Element>();
  let scheduled: ReturnType<typeof setTimeout> | null = null;
  let lastFlush = -Infinity;
  let lastInput = -Infinity;
  let lastUrl = doc.location?.href ?? '';
  const observed = new WeakSet<Node>();

  const report = (result: AnalyzeResult | null): void => {
    if (result) options.report(result);
  };

  const rescan = (): void => {
    lastUrl = doc.location?.href ?? '';
    pending = new Set();
    changed = new Set();
    const scanner = options.scanner();
    // A warning an early chunk gave is reported at once; the page's result, when it is that same
    // warning, is not reported twice.
    let early: AnalyzeResult | null = null;
    const onStronger = (result: AnalyzeResult): void => {
      early = result;
      options.report(result);
    };
    void scanner.scanPage(onStronger).then((result) => {
      if (result !== early) report(result);
    });
  };

  const flush = (): void => {
    scheduled = null;
    lastFlush = performance.now();
    // A single-page app that moved to another URL shows another page: read it whole.
    if ((doc.location?.href ?? '') !== lastUrl) {
      rescan();
      return;
    }
    const scanner = options.scanner();
    if (pending.size > 0) {
      const nodes = pending;
      pending = new Set();
      void scanner.scanAdded(nodes).then(report);
    }
    if (changed.size > 0) {
      const elements = changed;
      changed = new Set();
      void scanner.scanRevealed(elements).then(report);
    }
  };

  const schedule = (): void => {
    if (scheduled !== null) return;
    const at = performance.now();
    const wait = at - lastInput < INPUT_WINDOW_MS ? AFTER_INPUT_MS : Math.max(AFTER_INPUT_MS, lastFlush + MIN_INTERVAL_MS - at);
    scheduled = setTimeout(flush, wait);
  };

  const onInput = (): void => {
    lastInput = performance.now();
    // A change already waiting for the interval is read soon after the input instead.
    if (scheduled !== null && (pending.size > 0 || changed.size > 0)) {
      clearTimeout(scheduled);
      scheduled = null;
      schedule();
    }
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (options.ignore?.(record.target)) continue;
      if (record.type === 'attributes') changed.add(record.target as Element);
      else if (record.type === 'characterData') pending.add(record.target);
      else for (const node of record.addedNodes) if (!options.ignore?.(node)) pending.add(node);
    }
    if (pending.size > 0 || changed.size > 0 || (doc.location?.href ?? '') !== lastUrl) schedule();
  });

  const observe = (root: ShadowRoot | Document | Element): void => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, OBSERVE);
  };
  observe(doc.documentElement);

  const inputEvents = ['pointerdown', 'keydown', 'click'] as const;
  for (const type of inputEvents) win.addEventListener(type, onInput, { capture: true, passive: true });
  // Single-page apps change the URL through the History API: the Navigation API reports it where
  // browsers have it (Chromium); back and forward fire popstate everywhere. flush() sees the new
  // URL and reads the page whole.
  const navigation = (win as unknown as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', schedule);
  win.addEventListener('popstate', schedule);

  return {
    observe(root) {
      observe(root.nodeType === Node.DOCUMENT_NODE ? ((root as Document).documentElement ?? root) : root);
    },
    observeFrame(frame) {
      if (observed.has(frame)) return;
      observed.add(frame);
      frame.addEventListener('load', () => {
        pending.add(frame);
        schedule();
      });
    },
    read(el) {
      pending.add(el);
      schedule();
    },
    rescan,
    stop() {
      observer.disconnect();
      if (scheduled !== null) clearTimeout(scheduled);
      for (const type of inputEvents) win.removeEventListener(type, onInput, { capture: true });
      navigation?.removeEventListener('navigatesuccess', schedule);
      win.removeEventListener('popstate', schedule);
    },
  };
}
