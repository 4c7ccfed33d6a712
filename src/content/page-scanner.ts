// The scan of one page over its life: the whole page once, then only what is added or revealed
// later (infinite scroll, chat widgets, "Read more", single-page apps). Cues count where they
// stand together (src/engine/score-passages.ts), so the scans are not merged: the page's result is
// the strongest of the chunks of the whole-page scan and of each scan of added text since, each
// read at the person's sensitivity, and the phrases highlighted are those of the findings that
// decided it.
//
// Issue 11: the page is read whole, however long, in slices of about 10 ms that yield to the page,
// and analysed in chunks of about 100,000 characters that overlap by a few passages' width, so a
// passage split between two chunks is still read whole in one of them. A scam found in an early
// chunk is reported at once, without waiting for the rest of a long page.
//
// Issue 11 again: the chunks are scored by the extension's background (guard-page.ts sends them;
// src/background/answer-analyze.ts answers), off the page's main thread, a few at a time in
// flight while the page is read on, their answers taken in the order they were sent, so the page's
// result is the one a reading in order gives.
// Pure over the DOM it is given: no extension API, so it runs under happy-dom in unit tests
// (with the engine itself as the analyser, tests/unit/helpers/local-analyzer.ts); content-script.ts and page-watcher.ts wire it to
// observers and messages.
import { PASSAGE_CHARS } from '../engine/score-passages';
import { verdictStrength } from '../engine/score-findings';
import type { AnalyzeResult, PageSignals, Sensitivity } from '../engine/types';
import { MAX_ANALYZE_TITLE } from '../shared/messages';
import { createTextReader, offPage, revealedNow, rangesOf, type HiddenKind, type TextReaderHooks, type TextSegment, type VisibleTextReader } from './collect-page-text';
import { afterNextFrame, now, SLICE_MS, yieldToPage } from './yield-to-page';

/** Highlighted ranges kept for the page: enough to show every kind of sign, bounded. */
const MAX_RANGES = 200;
/**
 * Characters analysed at a time, at most. A page's first chunk is smaller (MIN_CHUNK_CHARS), so
 * that a scam near the top is answered soon; each next one is twice the last, up to this
 * (messages.ts MAX_ANALYZE_TEXT bounds what the background accepts).
 */
export const CHUNK_CHARS = 100_000;
const MIN_CHUNK_CHARS = 12_000;
/**
 * Chunks sent and not yet answered, at most, for the whole page (its first read and the reads of
 * text added meanwhile alike): the page is read on while the background scores, but a page of
 * 50 MB, or one that adds text faster than it can be scored, does not queue unbounded messages
 * (the background holds a chunk only while scoring it).
 */
const MAX_IN_FLIGHT = 2;
/**
 * Characters each chunk repeats from the one before: a passage and the reporting words on either
 * side of it (score-passages.ts counts words about fraud a passage's width around a window).
 */
export const CHUNK_OVERLAP = 3 * PASSAGE_CHARS;
/**
 * Beyond this many elements, the first read waits for the browser's first frame: its style for
 * the whole document is computed there, not in the slice of ours that reads the first computed
 * style (100,000 elements: a task of hundreds of milliseconds either way, but not ours).
 */
const BIG_DOCUMENT = 20_000;
/** Elements remembered as hidden, to read when revealed; beyond it, changed elements are read instead. */
const MAX_HIDDEN = 50_000;

/** What a full analysis of a chunk needs besides its text: the person's sensitivity and the page's signals. */
export interface ChunkContext {
  sensitivity: Sensitivity;
  signals: PageSignals;
}

/**
 * Scores one chunk of the page's text with its title (issue 11: the background, by message; in
 * the unit tests, the engine itself). `context` is called only when the analysis needs it (a page
 * that gives the rules no reason reads neither its signals nor the settings).
 */
export interface ChunkAnalyzer {
  analyze(chunk: { text: string; title: string }, context: () => ChunkContext): Promise<AnalyzeResult>;
}

/** The result of text the prefilter cleared: nothing the rules could flag. */
export function clearResult(): AnalyzeResult {
  return { level: 'none', scores: { investment: 0, romance: 0, recruitment: 0 }, topType: null, findings: [], signals: [], aboutFraud: false, passage: null };
}

export interface PageScannerOptions {
  /** Time budget of a slice, in milliseconds. */
  sliceMs?: number;
  /** Characters per analysed chunk (tests use small ones). */
  chunkChars?: number;
  /** A shadow root or same-origin frame document was read: the watcher observes it too. */
  onRoot?(root: ShadowRoot | Document): void;
  /** An iframe was met: the watcher reads it again when it (re)loads. */
  onFrame?(frame: HTMLIFrameElement): void;
  /**
   * A box out of the flow whose place was checked after the next frame and is in sight: read it
   * (the watcher queues it as added). Without it, places are checked at once, forcing a layout.
   */
  onPlaced?(el: Element): void;
  /**
   * Reads the page's links and fields for a full analysis (collect-page-signals.ts, which the
   * content script loads with the warning only when a page gives a reason: page-warnings.ts).
   * Without it, a page has no signals.
   */
  readSignals?(doc: Document): PageSignals;
}

export interface PageScanner {
  /**
   * Reads the whole page again from the start (first load, a single-page app moved to another
   * URL, a new sensitivity), in slices. `onStronger` hears a warning as soon as a chunk gives one;
   * the promise gives the page's result when all is read, or null when a newer scan replaced it.
   */
  scanPage(onStronger?: (result: AnalyzeResult) => void): Promise<AnalyzeResult | null>;
  /** Reads only these added nodes; gives the page's new result, or null when nothing changed. */
  scanAdded(nodes: Iterable<Node>): Promise<AnalyzeResult | null>;
  /**
   * Reads the text that was hidden when read and is shown now (a class toggled, `hidden` removed,
   * <details> opened); `changed` are the elements whose attributes changed, read whole only when
   * too many hidden elements were met to remember them all.
   */
  scanRevealed(changed?: Iterable<Element>): Promise<AnalyzeResult | null>;
  /** The sensitivity of the scans from now on; scanPage() reads the page again with it. */
  setSensitivity(sensitivity: Sensitivity): void;
  /** How many characters were analysed so far, overlaps not counted twice (for tests and diagnostics). */
  readonly analyzedChars: number;
  /** The phrases of the findings that decided the page's result, as DOM ranges, scam cues only (for highlights). */
  readonly ranges: readonly Range[];
}


/** The highlight ranges of a result's scam cues quoted in the text scanned. */
function rangesOfResult(doc: Document, result: AnalyzeResult, segments: readonly TextSegment[]): Range[] {
  const ranges: Range[] = [];
  for (const f of result.findings) {
    if (f.type === 'context') continue;
    for (const m of f.matches) {
      if (m.field === 'text' && ranges.length < MAX_RANGES) ranges.push(...rangesOf(doc, segments, m.start, m.end));
    }
  }
  return ranges;
}

/**
 * Whether the ancestors of an added node let it be seen. One check of the parent (checkVisibility
 * answers for the whole ancestor chain from computed style); a `display:contents` parent has no
 * box of its own, so its parent answers for it.
 */
function ancestorsShown(node: Node): boolean {
  if (!node.isConnected) return false;
  let parent: Node | null = node.parentNode;
  while (parent !== null) {
    if (parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      parent = (parent as ShadowRoot).host ?? null;
      continue;
    }
    if (parent.nodeType !== Node.ELEMENT_NODE) return true;
    const el = parent as Element & { checkVisibility?: (o?: object) => boolean };
    if (typeof el.checkVisibility !== 'function') return true;
    if (el.checkVisibility({ opacityProperty: true })) return true;
    if (el.ownerDocument.defaultView?.getComputedStyle(el).display !== 'contents') return false;
    parent = el.parentNode;
  }
  return true;
}

export function createPageScanner(doc: Document, analyzer: ChunkAnalyzer, sensitivity: Sensitivity = 'standard', options: PageScannerOptions = {}): PageScanner {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const maxChunk = options.chunkChars ?? CHUNK_CHARS;
  /** The size of the next chunk: small first, then growing. */
  let chunkChars = Math.min(maxChunk, MIN_CHUNK_CHARS);
  const overlapOf = (chunk: number): number => Math.min(CHUNK_OVERLAP, Math.floor(chunk / 2));
  let best: AnalyzeResult | null = null;
  let ranges: Range[] = [];
  /** The page's links and fields, read at the first full analysis of a page scan (an ordinary page reads none). */
  let signals: PageSignals | null = null;
  /** The page's title: it speaks for every passage of the page, added text included. */
  let title = '';
  let analyzedChars = 0;
  let lastKey = '';
  /** Bumped by each page scan: the reads of an older one stop at their next slice. */
  let generation = 0;
  const hidden = new Map<Element, HiddenKind>();
  let hiddenOverflow = false;

  // Where a box out of the flow stands is read from an IntersectionObserver, which the browser
  // answers from its own next layout, rather than from getBoundingClientRect, which forces one in
  // the middle of a slice (300 ms on a 2 MB page before its first frame).
  const placed = new WeakSet<Element>();
  let placer: IntersectionObserver | null = null;
  const onOutOfFlow = (el: Element): 'later' | 'seen' | 'now' => {
    if (placed.has(el)) return 'seen';
    const onPlaced = options.onPlaced;
    const view = doc.defaultView;
    if (!onPlaced || !view || typeof view.IntersectionObserver !== 'function') return 'now';
    placer ??= new view.IntersectionObserver((entries) => {
      for (const entry of entries) {
        const target = entry.target;
        placer?.unobserve(target);
        const style = view.getComputedStyle(target);
        if (offPage(entry.boundingClientRect, style, view)) hooks.onHidden?.(target, 'element');
        else {
          placed.add(target);
          onPlaced(target);
        }
      }
    });
    placer.observe(el);
    return 'later';
  };

  const hooks: TextReaderHooks = {
    onOutOfFlow,
    onHidden(el, kind) {
      if (hidden.size < MAX_HIDDEN) hidden.set(el, kind);
      else if (!hidden.has(el)) hiddenOverflow = true;
    },
    ...(options.onRoot ? { onRoot: options.onRoot } : {}),
    ...(options.onFrame ? { onFrame: options.onFrame } : {}),
  };

  // Only the level and which rules fired matter to the background; quotes only add to them.
  const keyOf = (r: AnalyzeResult): string => `${r.level}|${r.findings.map((f) => f.ruleId).join(',')}`;

  /** Keeps `result` as the page's if it is stronger than the one kept. */
  const consider = (result: AnalyzeResult, segments: readonly TextSegment[]): AnalyzeResult => {
    if (best === null || verdictStrength(result) > verdictStrength(best)) {
      best = result;
      ranges = rangesOfResult(doc, result, segments);
    }
    return best;
  };

  /** What a full analysis needs, as the scan stands now; the signals are read once per page scan. */
  const context = (): ChunkContext => ({ sensitivity, signals: (signals ??= options.readSignals?.(doc) ?? {}) });

  /** Free places for chunks in flight (MAX_IN_FLIGHT), and the reads waiting for one, first come first served. */
  let free = MAX_IN_FLIGHT;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };

  /**
   * One chunk's result, sent once a place is free; the place is freed when the answer comes. A
   * chunk that could not be scored (the background unreachable) reads as clear.
   */
  const analyse = async (text: string): Promise<AnalyzeResult> => {
    try {
      return await analyzer.analyze({ text, title }, context);
    } catch (error) {
      console.debug('Scam Sentinel: a chunk could not be scored', error);
      return clearResult();
    } finally {
      release();
    }
  };

  /**
   * Reads everything the reader gives, slice by slice, sending each full chunk to be scored while
   * reading on, and taking the answers in order. `always`: analyse even an empty text (a page scan
   * reads the title). False when a page scan replaced it.
   */
  const readAll = async (reader: VisibleTextReader, always: boolean, afterChunk?: () => void): Promise<boolean> => {
    const started = generation;
    let carried = 0;
    let analysedOnce = false;
    const inFlight: { result: Promise<AnalyzeResult>; segments: readonly TextSegment[] }[] = [];
    /** Takes the oldest answer. False when a page scan replaced this one meanwhile. */
    const takeOne = async (): Promise<boolean> => {
      const next = inFlight.shift()!;
      const result = await next.result;
      if (generation !== started) return false;
      consider(result, next.segments);
      afterChunk?.();
      return true;
    };
    for (;;) {
      const deadline = now() + sliceMs;
      const done = reader.read(() => now() >= deadline, chunkChars);
      if (done || reader.buffered >= chunkChars) {
        const overlap = overlapOf(chunkChars);
        const { text, segments } = reader.take(done ? 0 : overlap);
        if (text.trim() !== '' || (always && !analysedOnce)) {
          analyzedChars += text.length - carried;
          analysedOnce = true;
          await acquire();
          if (generation !== started) {
            release();
            return false;
          }
          inFlight.push({ result: analyse(text), segments });
          chunkChars = Math.min(maxChunk, chunkChars * 2);
          while (inFlight.length >= MAX_IN_FLIGHT || (done && inFlight.length > 0)) {
            if (!(await takeOne())) return false;
          }
        }
        carried = done ? 0 : Math.min(overlap, text.length);
      }
      if (done) {
        while (inFlight.length > 0) if (!(await takeOne())) return false;
        return true;
      }
      await yieldToPage();
      if (generation !== started) return false;
    }
  };

  /** Reads these roots as added text: the page's result when it changed, else null. */
  const readAdded = async (roots: Node[]): Promise<AnalyzeResult | null> => {
    if (roots.length === 0) return null;
    if (!(await readAll(createTextReader(roots, hooks), false)) || best === null) return null;
    const key = keyOf(best);
    if (key === lastKey) return null;
    lastKey = key;
    return best;
  };

  return {
    get analyzedChars() {
      return analyzedChars;
    },
    get ranges() {
      return ranges;
    },
    setSensitivity(next) {
      sensitivity = next;
    },
    async scanPage(onStronger) {
      const started = ++generation;
      best = null;
      ranges = [];
      hidden.clear();
      hiddenOverflow = false;
      signals = null;
      // A title longer than the background takes is cut (messages.ts): no real title is that long.
      title = doc.title.slice(0, MAX_ANALYZE_TITLE);
      analyzedChars += title.length;
      if (doc.getElementsByTagName('*').length > BIG_DOCUMENT) {
        await afterNextFrame(doc.defaultView);
        if (generation !== started) return null;
      }
      const reader = createTextReader([doc], hooks);
      const complete = await readAll(reader, true, () => {
        // A warning in an early chunk is reported at once; quiet chunks wait for the end.
        if (onStronger && best && best.level !== 'none' && keyOf(best) !== lastKey) {
          lastKey = keyOf(best);
          onStronger(best);
        }
      });
      if (!complete || best === null) return null;
      lastKey = keyOf(best);
      return best;
    },
    scanAdded(nodes) {
      const roots: Node[] = [];
      for (const node of nodes) if (ancestorsShown(node)) roots.push(node);
      return readAdded(roots);
    },
    async scanRevealed(changed = []) {
      const started = generation;
      const roots: Node[] = [];
      let deadline = now() + sliceMs;
      let n = 0;
      for (const [el, kind] of hidden) {
        if (++n % 32 === 0 && now() >= deadline) {
          await yieldToPage();
          if (generation !== started) return null;
          deadline = now() + sliceMs;
        }
        if (!el.isConnected) hidden.delete(el);
        else if (revealedNow(el, kind)) {
          hidden.delete(el);
          roots.push(el);
        }
      }
      if (hiddenOverflow) for (const el of changed) if (el.isConnected && ancestorsShown(el)) roots.push(el);
      return readAdded(roots);
    },
  };
}
