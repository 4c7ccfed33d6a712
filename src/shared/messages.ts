// Messages between the extension's contexts, one discriminated union per direction, named by
// route as Dark Reader does ('cs-bg-…' = content script → background). The background checks
// both the shape (here) and the sender (service-worker.ts) before trusting a message.
// Pure: no browser API, so the guard is unit-testable and usable from any context.
import { LEVELS, type Level, type RuleType } from '../engine/types';

/** Per fired rule, what the background needs for the badge and, later, the popup. */
export interface FindingSummary {
  ruleId: string;
  type: RuleType;
  /** The matched phrases, quoted: short fragments, never the page text around them. */
  quotes: string[];
}

/** The content script finished analysing the page of its tab. */
export interface PageResultMessage {
  kind: 'cs-bg-page-result';
  level: Level;
  findings: FindingSummary[];
}

export type ContentToBackgroundMessage = PageResultMessage;

/** Bounds that keep a finding summary small: quotes are evidence, not a copy of the page. */
export const MAX_QUOTES_PER_FINDING = 5;
export const MAX_QUOTE_LENGTH = 80;
export const MAX_FINDINGS = 200;

const RULE_TYPES: readonly string[] = ['investment', 'romance', 'recruitment', 'context'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFindingSummary(value: unknown): value is FindingSummary {
  return (
    isRecord(value) &&
    typeof value.ruleId === 'string' &&
    typeof value.type === 'string' &&
    RULE_TYPES.includes(value.type) &&
    Array.isArray(value.quotes) &&
    value.quotes.length <= MAX_QUOTES_PER_FINDING &&
    value.quotes.every((q) => typeof q === 'string' && q.length <= MAX_QUOTE_LENGTH)
  );
}

/** Shape check for anything arriving on runtime.onMessage from a content script. */
export function isContentToBackgroundMessage(value: unknown): value is ContentToBackgroundMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'cs-bg-page-result':
      return (
        typeof value.level === 'string' &&
        (LEVELS as readonly string[]).includes(value.level) &&
        Array.isArray(value.findings) &&
        value.findings.length <= MAX_FINDINGS &&
        value.findings.every(isFindingSummary)
      );
    default:
      return false;
  }
}
