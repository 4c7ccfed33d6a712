// Messages between the extension's contexts, one discriminated union per direction, named by
// route as Dark Reader does ('cs-bg-…' = content script → background). The background checks
// both the shape (here) and the sender (service-worker.ts) before trusting a message, and takes
// the page's host and path from the sender (sender.url), never from the message: a content
// script cannot speak for another site. Each message kind has its reply type (ContentReplies,
// UiReplies), so no caller casts an answer.
// Pure: no browser API, so the guard is unit-testable and usable from any context.
import { LEVELS, type Level, type RuleType } from '../engine/types';
import type { RulesStatus } from './rules-status';

/** Per fired rule, what the background needs for the badge and, later, the popup. */
export interface FindingSummary {
  ruleId: string;
  type: RuleType;
  /** The matched phrases, quoted: short fragments, never the page text around them. */
  quotes: string[];
  /**
   * Why this is a scam sign, in the person's language: the rule's own explanation, or a claim's
   * filled in with its quote and arithmetic. Rule text (and the quoted claim), not page text.
   */
  explanation?: string;
}

/**
 * The content script finished analysing the page of its tab. The page's address is not in it:
 * the background reads it from the sender (content-sender.ts).
 */
export interface PageResultMessage {
  kind: 'cs-bg-page-result';
  /** The level of the page's text, before the known-site lists (the background applies them, verdict.ts). */
  level: Level;
  findings: FindingSummary[];
}

/**
 * The person chose "I trust this site" (level danger) or dismissed a caution banner (level
 * caution): no warning up to that level on the site this session. A dismissed caution does not
 * silence a later danger.
 */
export interface AcknowledgeMessage {
  kind: 'cs-bg-acknowledge';
  level: Exclude<Level, 'none'>;
}

/**
 * "I trust this site" when it needs the PIN: the background opens this extension's own page that
 * asks for it. The page never sees the PIN, and cannot trust a site by itself.
 */
export interface RequestTrustMessage {
  kind: 'cs-bg-request-trust';
}

/**
 * The page keeps removing, hiding or covering the warning (issue 11): the background shows the
 * warning as the extension's own page in the tab, which no page script can touch. The page's
 * address comes from the sender, not from the message.
 */
export interface EscalateMessage {
  kind: 'cs-bg-escalate';
}

/**
 * The page gave the content script's first stage a reason (src/engine/prefilter.ts) and no copy of
 * the bundled rules is in storage yet (the first page after install): the background sends them.
 * The content script asks for rules; it never sends page text.
 */
export interface GetRulesMessage {
  kind: 'cs-bg-get-rules';
}

/** The bundled compiled rules (serialize-compiled.ts) as a JSON string. */
export interface RulesReply {
  compiled: string;
}

export type ContentToBackgroundMessage = PageResultMessage | AcknowledgeMessage | RequestTrustMessage | EscalateMessage | GetRulesMessage;

/** A site named by a public list of scam sites (src/rules/domain-list.ts). */
export interface ListedSite {
  /** The list's id ("gaso", "polkadot"): _locales names it (reason_listed_<id>). */
  listId: string;
}

/** The background's answer to a page result: what only it knows about the site (verdict.ts SiteAnswer). */
export interface PageResultResponse {
  /** The highest level acknowledged on this site this browser session (the badge stays). */
  acknowledged: Level;
  /** The site is on a known-scam-site list: the page is dangerous whatever its text says. */
  listed: ListedSite | null;
}

/** The reply to each content → background message. */
export interface ContentReplies {
  'cs-bg-page-result': PageResultResponse;
  'cs-bg-acknowledge': void;
  'cs-bg-request-trust': void;
  'cs-bg-escalate': void;
  'cs-bg-get-rules': RulesReply;
}
export type ContentReply<M extends ContentToBackgroundMessage> = ContentReplies[M['kind']];

/** The popup asks what was found in a tab. */
export interface TabStateRequest {
  kind: 'ui-bg-get-tab-state';
  /** null when the popup has no tab (then only the rules version comes back). */
  tabId: number | null;
}

/** An extension page asks how the rules stand (version, last check, last error). */
export interface RulesStatusRequest {
  kind: 'ui-bg-get-rules-status';
}

/** "Update now" in the options page: check the feed at once. */
export interface UpdateRulesRequest {
  kind: 'ui-bg-update-rules';
}

/** The unlock page: trust this site, with the PIN. */
export interface TrustSiteRequest {
  kind: 'ui-bg-trust-site';
  host: string;
  pin: string;
}

/** The options page: unlock the settings with the PIN. */
export interface VerifyPinRequest {
  kind: 'ui-bg-verify-pin';
  pin: string;
}

/** "I trust this site" on the full-tab warning when trusting needs no PIN (as the on-page button). */
export interface TrustSiteDirectRequest {
  kind: 'ui-bg-trust-site-direct';
  host: string;
}

export type UiToBackgroundMessage = TabStateRequest | RulesStatusRequest | UpdateRulesRequest | TrustSiteRequest | VerifyPinRequest | TrustSiteDirectRequest;

/** The answer to a PIN: whether it was right, and how long to wait before the next try. */
export interface PinResponse {
  ok: boolean;
  waitMs: number;
}

export interface RulesStatusResponse {
  rules: RulesStatus;
}

/** What the background keeps per tab (storage.session) and gives the popup. */
export interface TabState {
  level: Level;
  findings: FindingSummary[];
  host: string;
  /** When the page was scanned (ms since the epoch). */
  scannedAt: number;
  /** The site is on a known-scam-site list (then level is danger). */
  listed?: ListedSite;
}

export interface TabStateResponse {
  /** null: the page has not been scanned (not an http(s) page, or still loading). */
  state: TabState | null;
  rules: RulesStatus;
}

/** The reply to each UI → background message. */
export interface UiReplies {
  'ui-bg-get-tab-state': TabStateResponse;
  'ui-bg-get-rules-status': RulesStatusResponse;
  'ui-bg-update-rules': RulesStatusResponse;
  'ui-bg-trust-site': PinResponse;
  'ui-bg-verify-pin': PinResponse;
  'ui-bg-trust-site-direct': PinResponse;
}
export type UiReply<M extends UiToBackgroundMessage> = UiReplies[M['kind']];

export const MAX_HOST_LENGTH = 253;
export const MAX_PATH_LENGTH = 2048;
const LIST_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Bounds that keep a finding summary small: quotes are evidence, not a copy of the page. */
export const MAX_QUOTES_PER_FINDING = 5;
export const MAX_QUOTE_LENGTH = 80;
export const MAX_FINDINGS = 200;
/** The rule validator's limit on an explanation (validate-rule.ts). */
export const MAX_EXPLANATION_LENGTH = 2000;

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
    value.quotes.every((q) => typeof q === 'string' && q.length <= MAX_QUOTE_LENGTH) &&
    (value.explanation === undefined || (typeof value.explanation === 'string' && value.explanation.length <= MAX_EXPLANATION_LENGTH))
  );
}

function isResult(value: Record<string, unknown>): boolean {
  return (
    typeof value.level === 'string' &&
    (LEVELS as readonly string[]).includes(value.level) &&
    Array.isArray(value.findings) &&
    value.findings.length <= MAX_FINDINGS &&
    value.findings.every(isFindingSummary)
  );
}

/** A PIN as typed: short text (its digits are checked by pin.ts). */
const isPinText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;

export function isListedSite(value: unknown): value is ListedSite {
  return isRecord(value) && typeof value.listId === 'string' && LIST_ID.test(value.listId);
}

/**
 * Shape check for anything arriving on runtime.onMessage from a content script. Any other field
 * (a `host` an older or hostile script adds) is ignored: the site is the sender's.
 */
export function isContentToBackgroundMessage(value: unknown): value is ContentToBackgroundMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'cs-bg-page-result':
      return isResult(value);
    case 'cs-bg-escalate':
    case 'cs-bg-get-rules':
      return true;
    case 'cs-bg-request-trust':
      return true;
    case 'cs-bg-acknowledge':
      return value.level === 'caution' || value.level === 'danger';
    default:
      return false;
  }
}

/**
 * The background's answer to a page result, read defensively: an answer that is missing or
 * malformed (a worker being updated) says nothing is known about the site.
 */
export function parsePageResultResponse(value: unknown): PageResultResponse {
  const record = isRecord(value) ? value : {};
  const level = record.acknowledged;
  return {
    acknowledged: level === 'caution' || level === 'danger' ? level : 'none',
    listed: isListedSite(record.listed) ? { listId: record.listed.listId } : null,
  };
}

/** Shape check for messages from our own extension pages (the popup). */
export function isUiToBackgroundMessage(value: unknown): value is UiToBackgroundMessage {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'ui-bg-get-tab-state':
      return value.tabId === null || (typeof value.tabId === 'number' && Number.isInteger(value.tabId) && value.tabId >= 0);
    case 'ui-bg-get-rules-status':
    case 'ui-bg-update-rules':
      return true;
    case 'ui-bg-trust-site':
      return typeof value.host === 'string' && value.host.length > 0 && value.host.length <= MAX_HOST_LENGTH && isPinText(value.pin);
    case 'ui-bg-verify-pin':
      return isPinText(value.pin);
    case 'ui-bg-trust-site-direct':
      return typeof value.host === 'string' && value.host.length > 0 && value.host.length <= MAX_HOST_LENGTH;
    default:
      return false;
  }
}

/** A tab state read back from storage.session: validated, as storage is never trusted blindly. */
export function parseTabState(value: unknown): TabState | null {
  if (!isRecord(value) || !isResult(value)) return null;
  if (typeof value.host !== 'string' || value.host.length > MAX_HOST_LENGTH) return null;
  if (typeof value.scannedAt !== 'number' || !Number.isFinite(value.scannedAt)) return null;
  const state: TabState = { level: value.level as Level, findings: value.findings as FindingSummary[], host: value.host as string, scannedAt: value.scannedAt };
  if (isListedSite(value.listed)) state.listed = { listId: value.listed.listId };
  return state;
}

/** The background's bundled rules, read back: a string, or the reply is refused. */
export function parseRulesReply(value: unknown): RulesReply {
  if (!isRecord(value) || typeof value.compiled !== 'string') throw new Error('Scam Sentinel: no rules in the reply');
  return { compiled: value.compiled };
}
