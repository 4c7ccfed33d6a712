// The human-readable report of `npm run scan`: the level, the score per scam type, whether the
// page reads as being *about* fraud, and each finding with the exact phrases quoted and their
// offsets in the analysed text (or title), so that a rule author can see why a page was flagged.
// A claim's finding also shows its explanation as the person reads it, in English: the claim
// quoted and the arithmetic done (assets/_locales/en/messages.json, placeholders filled).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCAM_TYPES } from '../../src/engine/types';
import type { AnalyzeInput, AnalyzeResult, Match } from '../../src/engine/types';
import { explanationText, translateFrom, type MessageEntry, type Translate } from '../../src/shared/explanation-text';
import { repoRoot } from './repo-paths';

export interface FormatOptions {
  /** Matches listed per finding before "+N more". */
  maxMatches?: number;
  /** Characters of context shown either side of a quote. */
  context?: number;
  /** The messages claims are explained in (default: the English _locales). */
  translate?: Translate;
}

let english: Translate | null = null;

/** The English _locales, read once. */
export function englishMessages(): Translate {
  english ??= translateFrom(JSON.parse(readFileSync(join(repoRoot, 'assets/_locales/en/messages.json'), 'utf8')) as Record<string, MessageEntry>);
  return english;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function quoteWithContext(m: Match, input: AnalyzeInput, context: number): string {
  const source = m.field === 'title' ? (input.title ?? '') : input.text;
  const before = oneLine(source.slice(Math.max(0, m.start - context), m.start));
  const after = oneLine(source.slice(m.end, m.end + context));
  return `${JSON.stringify(m.quote)}  …${before}[${oneLine(m.quote)}]${after}…`;
}

export function formatScanResult(result: AnalyzeResult, input: AnalyzeInput, options: FormatOptions = {}): string {
  const maxMatches = options.maxMatches ?? 5;
  const context = options.context ?? 16;
  const lines: string[] = [];
  const top = result.topType && result.level !== 'none' ? ` (${result.topType})` : '';
  lines.push(`Level:       ${result.level.toUpperCase()}${top}`);
  lines.push(`Scores:      ${SCAM_TYPES.map((t) => `${t} ${result.scores[t]}`).join(' | ')}`);
  const contextWeight = result.findings.filter((f) => f.type === 'context').reduce((s, f) => s + f.weight, 0);
  lines.push(
    `About fraud: ${result.aboutFraud ? 'yes' : 'no'} (context rules weight ${contextWeight})` +
      (result.aboutFraud ? ': the text reports on or warns about fraud, so it does not warn' : ''),
  );
  if (result.signals.length > 0) {
    lines.push(`Signals:     ${result.signals.map((s) => `${s.signal} (+${s.weight})`).join(', ')}`);
  }
  const sorted = [...result.findings].sort((a, b) => b.weight - a.weight || a.ruleId.localeCompare(b.ruleId));
  lines.push(`Findings:    ${sorted.length}`);
  for (const f of sorted) {
    lines.push(`  [${f.type}] ${f.ruleId}  cue=${f.cue}  weight=${f.weight}  source=${f.source}`);
    if (f.explanationArgs) lines.push(`      why: ${explanationText(f, options.translate ?? englishMessages())}`);
    for (const m of f.matches.slice(0, maxMatches)) {
      lines.push(`      ${m.field}[${m.start},${m.end})  ${quoteWithContext(m, input, context)}`);
    }
    if (f.matches.length > maxMatches) lines.push(`      … +${f.matches.length - maxMatches} more`);
  }
  return lines.join('\n');
}
