// The scan of one page over its life: the whole page once, then only what is added later
// (infinite scroll, chat widgets, single-page apps), merged into what was already found, so the
// level always speaks for the page as a whole. Pure over the DOM it is given: no extension API,
// so it runs under happy-dom in unit tests; content-script.ts wires it to observers and messages.
import { analyze, scoreFindings, type CompiledRules, type Finding, type PageSignals } from '../engine';
import type { AnalyzeResult } from '../engine/types';
import { collectPageSignals } from './collect-page-signals';
import { collectPageText, collectVisibleText, hiddenByMarkup, MAX_PAGE_TEXT, rangesOf, type TextSegment } from './collect-page-text';

/** Matches kept per rule across chunks, as analyze() keeps per text. */
const MAX_MATCHES = 5;
/** Highlighted ranges kept for the page: enough to show every kind of sign, bounded. */
const MAX_RANGES = 200;

export interface PageScanner {
  /** Scans the whole document again (first load, or a single-page app moved to another URL). */
  scanPage(): AnalyzeResult;
  /** Scans only these added nodes; returns the page's new result, or null when nothing changed. */
  scanAdded(nodes: Iterable<Node>): AnalyzeResult | null;
  /** How many characters were analysed so far (for tests and diagnostics). */
  readonly analyzedChars: number;
  /** The page's matched phrases as DOM ranges, scam cues only (for highlights). */
  readonly ranges: readonly Range[];
}

export function createPageScanner(doc: Document, compiled: CompiledRules): PageScanner {
  let byRule = new Map<string, Finding>();
  let ranges: Range[] = [];
  let signals: PageSignals = {};
  let analyzedChars = 0;
  let lastKey = '';

  const merge = (result: AnalyzeResult, segments: readonly TextSegment[]): void => {
    for (const f of result.findings) {
      if (f.type !== 'context') {
        for (const m of f.matches) {
          if (m.field === 'text' && ranges.length < MAX_RANGES) ranges.push(...rangesOf(doc, segments, m.start, m.end));
        }
      }
      const known = byRule.get(f.ruleId);
      if (!known) byRule.set(f.ruleId, { ...f, matches: f.matches.slice(0, MAX_MATCHES) });
      else if (known.matches.length < MAX_MATCHES) known.matches.push(...f.matches.slice(0, MAX_MATCHES - known.matches.length));
    }
  };

  const current = (): AnalyzeResult => {
    const findings = [...byRule.values()].sort((a, b) => b.weight - a.weight || a.ruleId.localeCompare(b.ruleId));
    return { ...scoreFindings(findings, signals, 'standard'), findings };
  };

  // Only the level and which rules fired matter to the background; quotes only add to them.
  const keyOf = (r: AnalyzeResult): string => `${r.level}|${r.findings.map((f) => f.ruleId).join(',')}`;

  return {
    get analyzedChars() {
      return analyzedChars;
    },
    get ranges() {
      return ranges;
    },
    scanPage() {
      const segments: TextSegment[] = [];
      const input = collectPageText(doc, MAX_PAGE_TEXT, segments);
      signals = collectPageSignals(doc);
      analyzedChars += input.text.length + (input.title?.length ?? 0);
      byRule = new Map();
      ranges = [];
      merge(analyze({ ...input, signals }, compiled), segments);
      const result = current();
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
      analyzedChars += text.length;
      merge(analyze({ text }, compiled), segments);
      const result = current();
      const key = keyOf(result);
      if (key === lastKey) return null;
      lastKey = key;
      return result;
    },
  };
}
