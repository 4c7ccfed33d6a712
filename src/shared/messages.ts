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
  /** The page's host name (location.hostname), shown in the popup; never the page text. */
  host: string;
}

/**
 * The person chose "I trust this site" (level danger) or dismissed a caution banner (level
 * caution): no warning up to that level on the site this session. A dismissed caution does not
 * silence a later danger.
 */
export interface AcknowledgeMessage {
  kind: 'cs-bg-acknowledge';
  host: string;
  level: Exclude<Level, 'none'>;
}

export type ContentToBackgroundMessage = PageResultMessage | AcknowledgeMessage;

/** The background's answer to a page result. */
export interface PageResultResponse {
  /** The highest level acknowledged on this site this browser session (the badge stays). */
  acknowledged: Level;
}

/** The popup asks what was found in a tab. */
export interface TabStateRequest {
  kind: 'ui-bg-get-tab-state';
  /** null when the popup has no tab (then only the rules version comes back). */
  tabId: number | null;
}

export type UiToBackgroundMessage = TabStateRequest;

/** What the background keeps per tab (storage.session) and gives the popup. */
export interface TabState {
  level: Level;
  findings: FindingSummary[];
  host: string;
  /** When the page was scanned (ms since the epoch). */
  scannedAt: number;
}

export interface TabStateResponse {
  /** null: the page has not been scanned (not an http(s) page, or still loading). */
  state: TabState | null;
  rulesVersion: number;
}

export const MAX_HOST_LENGTH = 253;

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

function isResult(value: Record<string, unknown>): boolean {
  return (
    typeof value.level === 'string' &&
    (LEVELS as readonly string[]).includes(value.level) &&
    Array.isArray(value.findings) &&
    value.findings.length <= MAX_FINDINGS &&
    value.findings.every(isFindingSummary) &&
    typeof value.host === 'string' &&
    value.host.length <= MAX_HOST_LENGTH
  );
}

/** Shape check for anything arriving on runtime.onMessage from a content script. */
export function isContentToBackgroundMessage(value: unknown): value is ContentToBackgroundMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'cs-bg-page-result':
      return isResult(value);
    case 'cs-bg-acknowledge':
      return (
        typeof value.host === 'string' && value.host.length > 0 && value.host.length <= MAX_HOST_LENGTH &&
        (value.level === 'caution' || value.level === 'danger')
      );
    default:
      return false;
  }
}

/** Shape check for messages from our own extension pages (the popup). */
export function isUiToBackgroundMessage(value: unknown): value is UiToBackgroundMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'ui-bg-get-tab-state':
      return value.tabId === null || (typeof value.tabId === 'number' && Number.isInteger(value.tabId) && value.tabId >= 0);
    default:
      return false;
  }
}

/** A tab state read back from storage.session: validated, as storage is never trusted blindly. */
export function parseTabState(value: unknown): TabState | null {
  if (!isRecord(value) || !isResult(value)) return null;
  if (typeof value.scannedAt !== 'number' || !Number.isFinite(value.scannedAt)) return null;
  return value as unknown as TabState;
}
