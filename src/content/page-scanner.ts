// The scan of one page over its life: the whole page once, then only what is added later
// (infinite scroll, chat widgets, single-page apps). Cues count where they stand together
// (src/engine/score-passages.ts), so the scans are not merged: the page's result is the strongest
// of the whole-page scan and of each scan of added text since, each read at the person's
// sensitivity, and the phrases highlighted are those of the findings that decided it.
// Pure over the DOM it is given: no extension API, so it runs under happy-dom in unit tests;
// content-script.ts wires it to observers and messages.
import { analyze, type CompiledRules, type PageSignals } from '../engine';
import { levelRank, type AnalyzeResult, type Sensitivity } from '../engine/types';
import { collectPageSignals } from './collect-page-signals';
import { collectPageText, collectVisibleText, hiddenByMarkup, MAX_PAGE_TEXT, rangesOf, type TextSegment } from './collect-page-text';

/** Highlighted ranges kept for the page: enough to show every kind of sign, bounded. */
const MAX_RANGES = 200;

export interface PageScanner {
  /** Scans the whole document again (first load, a single-page app moved to another URL, a new sensitivity). */
  scanPage(): AnalyzeResult;
  /** Scans only these added nodes; returns the page's new result, or null when nothing changed. */
  scanAdded(nodes: Iterable<Node>): AnalyzeResult | null;
  /** The sensitivity of the scans from now on; scanPage() reads the page again with it. */
  setSensitivity(sensitivity: Sensitivity): void;
  /** How many characters were analysed so far (for tests and diagnostics). */
  readonly analyzedChars: number;
  /** The phrases of the findings that decided the page's result, as DOM ranges, scam cues only (for highlights). */
  readonly ranges: readonly Range[];
}

/** Level first, then the top type's score: a result of the same strength as the one kept does not replace it. */
function strength(r: AnalyzeResult): number {
  return levelRank(r.level) * 1e6 + (r.topType && !r.aboutFraud ? r.scores[r.topType] : 0);
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

export function createPageScanner(doc: Document, compiled: CompiledRules, sensitivity: Sensitivity = 'standard'): PageScanner {
  let best: AnalyzeResult | null = null;
  let ranges: Range[] = [];
  let signals: PageSignals = {};
  /** The page's title: it speaks for every passage of the page, added text included. */
  let title = '';
  let analyzedChars = 0;
  let lastKey = '';

  // Only the level and which rules fired matter to the background; quotes only add to them.
  const keyOf = (r: AnalyzeResult): string => `${r.level}|${r.findings.map((f) => f.ruleId).join(',')}`;

  /** Keeps `result` as the page's if it is stronger than the one kept (always on a page scan). */
  const consider = (result: AnalyzeResult, segments: readonly TextSegment[], fresh: boolean): AnalyzeResult => {
    if (fresh || best === null || strength(result) > strength(best)) {
      best = result;
      ranges = rangesOfResult(doc, result, segments);
    }
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
    scanPage() {
      const segments: TextSegment[] = [];
      const input = collectPageText(doc, MAX_PAGE_TEXT, segments);
      signals = collectPageSignals(doc);
      title = input.title ?? '';
      analyzedChars += input.text.length + title.length;
      const result = consider(analyze({ ...input, signals }, compiled, { sensitivity }), segments, true);
      lastKey = keyOf(result);
      return result;
    },
    scanAdded(nodes) {
      const pieces: string[] = [];
      const segments: TextSegment[] = [];
      let length = 0;
      for (const node of nodes) {
        if (length >= MAX_PAGE_TEXT || !node.isConnected || hiddenByMarkup(node)) continue;
        const offset = length + pieces.length; // the '\n' between pieces
        const own: TextSegment[] = [];
        const text = node.nodeType === Node.TEXT_NODE ? (node.nodeValue ?? '') : collectVisibleText(node, MAX_PAGE_TEXT - length, own);
        if (text.trim() === '') continue;
        if (node.nodeType === Node.TEXT_NODE) own.push({ start: 0, node: node as Text });
        for (const seg of own) segments.push({ start: seg.start + offset, node: seg.node });
        pieces.push(text);
        length += text.length;
      }
      if (pieces.length === 0) return null;
      const text = pieces.join('\n');
      // The title was read with the page; only the added text is read now.
      analyzedChars += text.length;
      const result = consider(analyze({ text, title, signals }, compiled, { sensitivity }), segments, false);
      const key = keyOf(result);
      if (key === lastKey) return null;
      lastKey = key;
      return result;
    },
  };
}
