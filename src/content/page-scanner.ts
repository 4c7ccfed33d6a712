// The scan of one page over its life: the whole page once, then only what is added later
// (infinite scroll, chat widgets, single-page apps), merged into what was already found, so the
// level always speaks for the page as a whole. Pure over the DOM it is given: no extension API,
// so it runs under happy-dom in unit tests; content-script.ts wires it to observers and messages.
import { analyze, scoreFindings, type CompiledRules, type Finding, type PageSignals } from '../engine';
import type { AnalyzeResult } from '../engine/types';
import { collectPageSignals } from './collect-page-signals';
import { collectPageText, collectVisibleText, MAX_PAGE_TEXT } from './collect-page-text';

/** Matches kept per rule across chunks, as analyze() keeps per text. */
const MAX_MATCHES = 5;

export interface PageScanner {
  /** Scans the whole document again (first load, or a single-page app moved to another URL). */
  scanPage(): AnalyzeResult;
  /** Scans only these added nodes; returns the page's new result, or null when nothing changed. */
  scanAdded(nodes: Iterable<Node>): AnalyzeResult | null;
  /** How many characters were analysed so far (for tests and diagnostics). */
  readonly analyzedChars: number;
}

function hiddenByMarkup(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el === null || el.closest('[hidden], [aria-hidden="true"], script, style, noscript, template') !== null;
}

export function createPageScanner(doc: Document, compiled: CompiledRules): PageScanner {
  let byRule = new Map<string, Finding>();
  let signals: PageSignals = {};
  let analyzedChars = 0;
  let lastKey = '';

  const merge = (result: AnalyzeResult): void => {
    for (const f of result.findings) {
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
    scanPage() {
      const input = collectPageText(doc);
      signals = collectPageSignals(doc);
      analyzedChars += input.text.length + (input.title?.length ?? 0);
      byRule = new Map();
      merge(analyze({ ...input, signals }, compiled));
      const result = current();
      lastKey = keyOf(result);
      return result;
    },
    scanAdded(nodes) {
      const pieces: string[] = [];
      let length = 0;
      for (const node of nodes) {
        if (length >= MAX_PAGE_TEXT || !node.isConnected || hiddenByMarkup(node)) continue;
        const text = node.nodeType === Node.TEXT_NODE ? (node.nodeValue ?? '') : collectVisibleText(node, MAX_PAGE_TEXT - length);
        if (text.trim() === '') continue;
        pieces.push(text);
        length += text.length;
      }
      if (pieces.length === 0) return null;
      const text = pieces.join('\n');
      analyzedChars += text.length;
      merge(analyze({ text }, compiled));
      const result = current();
      const key = keyOf(result);
      if (key === lastKey) return null;
      lastKey = key;
      return result;
    },
  };
}
