// Turns the engine's result into the message the content script sends: rule ids and the quoted
// phrases only. Offsets and the text around a match stay in the page (DESIGN: "Never sends page
// text anywhere"; the background only needs enough for the badge and the popup's quotes).
import type { AnalyzeResult } from '../engine/types';
import {
  MAX_EXPLANATION_LENGTH,
  MAX_FINDINGS,
  MAX_HOST_LENGTH,
  MAX_PATH_LENGTH,
  MAX_QUOTE_LENGTH,
  MAX_QUOTES_PER_FINDING,
  type FindingSummary,
  type PageResultMessage,
} from './messages';

function clip(quote: string): string {
  const oneLine = quote.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_QUOTE_LENGTH ? oneLine : `${oneLine.slice(0, MAX_QUOTE_LENGTH - 1)}…`;
}

/**
 * `explainNew` gives the explanation of a rule that this build's _locales lacks (a feed rule),
 * and '' for the others, which the popup explains from _locales.
 */
export function summarizeResult(result: AnalyzeResult, host: string, path = '/', explainNew?: (ruleId: string) => string): PageResultMessage {
  const findings: FindingSummary[] = result.findings.slice(0, MAX_FINDINGS).map((finding) => {
    const quotes = [...new Set(finding.matches.map((m) => clip(m.quote)))].filter((q) => q !== '');
    const summary: FindingSummary = { ruleId: finding.ruleId, type: finding.type, quotes: quotes.slice(0, MAX_QUOTES_PER_FINDING) };
    const explanation = explainNew?.(finding.ruleId).slice(0, MAX_EXPLANATION_LENGTH);
    if (explanation) summary.explanation = explanation;
    return summary;
  });
  return { kind: 'cs-bg-page-result', level: result.level, findings, host: host.slice(0, MAX_HOST_LENGTH), path: path.slice(0, MAX_PATH_LENGTH) };
}
