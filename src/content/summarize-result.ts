// Turns the engine's result into the message the content script sends: rule ids and the quoted
// phrases only. Offsets and the text around a match stay in the page (DESIGN: "Never sends page
// text anywhere"; the background only needs enough for the badge and the popup's quotes).
import type { AnalyzeResult } from '../engine/types';
import { explainedInLocales, explanationText, type Translate } from '../shared/explanation-text';
import {
  MAX_EXPLANATION_LENGTH,
  MAX_FINDINGS,
  MAX_QUOTE_LENGTH,
  MAX_QUOTES_PER_FINDING,
  type FindingSummary,
  type PageResultMessage,
} from '../shared/messages';

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

export interface SummaryExplanations {
  /**
   * The person's _locales, to fill in a claim's explanation (its quote and arithmetic): the popup
   * only sees the summary, so it cannot.
   */
  t?: Translate;
  /** A rule's own explanation in the person's language (rule-explanation.ts). */
  explainRule?: (ruleId: string) => string;
}

/**
 * Each finding carries its explanation in the person's language: a claim's filled in from _locales,
 * a rule's own text. The popup shows what it is given.
 */
export function summarizeResult(result: AnalyzeResult, explain: SummaryExplanations = {}): PageResultMessage {
  const findings: FindingSummary[] = result.findings.slice(0, MAX_FINDINGS).map((finding) => {
    const quotes = [...new Set(finding.matches.map((m) => clip(m.quote, MAX_QUOTE_LENGTH)))].filter((q) => q !== '');
    const summary: FindingSummary = { ruleId: finding.ruleId, type: finding.type, quotes: quotes.slice(0, MAX_QUOTES_PER_FINDING) };
    const text = explainedInLocales(finding) ? (explain.t ? explanationText(finding, explain.t) : '') : explain.explainRule?.(finding.ruleId);
    if (text) summary.explanation = clip(text, MAX_EXPLANATION_LENGTH);
    return summary;
  });
  return { kind: 'cs-bg-page-result', level: result.level, findings };
}
