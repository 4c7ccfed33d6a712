// Turns the engine's result into the message the content script sends: rule ids and the quoted
// phrases only. Offsets and the text around a match stay in the page (DESIGN: "Never sends page
// text anywhere"; the background only needs enough for the badge and the popup's quotes).
import type { AnalyzeResult } from '../engine/types';
import {
  MAX_FINDINGS,
  MAX_HOST_LENGTH,
  MAX_QUOTE_LENGTH,
  MAX_QUOTES_PER_FINDING,
  type FindingSummary,
  type PageResultMessage,
} from './messages';

function clip(quote: string): string {
  const oneLine = quote.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_QUOTE_LENGTH ? oneLine : `${oneLine.slice(0, MAX_QUOTE_LENGTH - 1)}…`;
}

export function summarizeResult(result: AnalyzeResult, host: string): PageResultMessage {
  const findings: FindingSummary[] = result.findings.slice(0, MAX_FINDINGS).map((finding) => {
    const quotes = [...new Set(finding.matches.map((m) => clip(m.quote)))].filter((q) => q !== '');
    return { ruleId: finding.ruleId, type: finding.type, quotes: quotes.slice(0, MAX_QUOTES_PER_FINDING) };
  });
  return { kind: 'cs-bg-page-result', level: result.level, findings, host: host.slice(0, MAX_HOST_LENGTH) };
}
