// Messages between the extension's contexts, one discriminated union per direction, named by
// route as Dark Reader does ('cs-bg-…' = content script → background). The background checks
// both the shape (here) and the sender (service-worker.ts) before trusting a message, and takes
// the page's host and path from the sender (sender.url), never from the message: a content
// script cannot speak for another site. Each message kind has its reply type (ContentReplies,
// UiReplies), so no caller casts an answer.
// Pure: no browser API, so the guard is unit-testable and usable from any context.
import { LEVELS, SCAM_TYPES, type AnalyzeResult, type Finding, type Level, type LocalizedText, type Match, type PageSignals, type RuleType, type Sensitivity, type SignalFinding } from '../engine/types';
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
 * address comes from the sender, not from the message. `why: 'unshown'`: the content script could
 * not load the warning at all (guard-page.ts), so the background decides whether it is to be shown.
 */
export interface EscalateMessage {
  kind: 'cs-bg-escalate';
  why?: EscalateReason;
}

/** Why the warning fills the tab: the page fought it (the default), or it could not be shown on the page. */
export type EscalateReason = 'fought' | 'unshown';

/**
 * One chunk of the page's visible text, for the background to score (issue 11: the prefilter and
 * the engine run in the extension's own background, off the page's main thread). The text goes no
 * further than the background, on this device (DESIGN: "Never sends page text anywhere" off it),
 * which keeps none of it after answering. The page's site is not in it: the background reads the
 * sender's when it needs one.
 */
export interface AnalyzeTextMessage {
  kind: 'cs-bg-analyze';
  /** The chunk's text, as the page scanner read it (at most MAX_ANALYZE_TEXT characters). */
  text: string;
  /** The page's title: it speaks for every chunk (at most MAX_ANALYZE_TITLE characters). */
  title: string;
  /**
   * What a full analysis needs, sent once the page gave the rules a reason (the background said
   * 'reason'): the person's sensitivity and the page's signals. Without it the background only
   * checks the prefilter, as the content script did on a page that gave no reason yet.
   */
  context?: AnalyzeContext;
  /**
   * The content script's first stage (first-stage.ts) sends the page's raw text: its text nodes,
   * each followed by RAW_TEXT_SEPARATOR, which the background reads both removed and as a line
   * break (a phrase that markup splits, or that blocks separate, is whole in one of the two).
   * 'page': the whole page as loaded (or after new rules); a page the prefilter clears is recorded
   * as clean for its tab, and a listed site is answered 'reason', so the page needs no second
   * message. 'added': text added since. Never with a context.
   */
  firstStage?: 'page' | 'added';
}

/** What separates the text nodes of a first-stage message (AnalyzeTextMessage.firstStage). */
export const RAW_TEXT_SEPARATOR = '\u0000';

export interface AnalyzeContext {
  sensitivity: Sensitivity;
  signals: PageSignals;
}

/**
 * The background's answer to a chunk: 'clear' (the prefilter finds nothing the rules could flag),
 * 'reason' (it does: send the chunk again with its context), or the engine's result, whose match
 * offsets are into the chunk's text or the title as sent, with the explanations of the rules that
 * fired (the content script no longer holds the rules).
 */
export type AnalyzeReply =
  | { verdict: 'clear' }
  | { verdict: 'reason' }
  | { verdict: 'result'; result: AnalyzeResult; explanations: Record<string, LocalizedText> };

export type ContentToBackgroundMessage = PageResultMessage | AcknowledgeMessage | RequestTrustMessage | EscalateMessage | AnalyzeTextMessage;

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
  'cs-bg-analyze': AnalyzeReply;
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
      return value.why === undefined || value.why === 'fought' || value.why === 'unshown';
    case 'cs-bg-analyze':
      return isAnalyzeText(value);
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

/**
 * Bounds of a chunk sent to the background: the page scanner's largest chunk (CHUNK_CHARS,
 * 100,000) and its overlap, with room to spare. A longer text is refused, not truncated: the
 * scanner never sends one, so anything longer is not ours.
 */
export const MAX_ANALYZE_TEXT = 200_000;
/** The title sent with each chunk is cut to this (a title longer than this is not a title). */
export const MAX_ANALYZE_TITLE = 4_000;
/** Messenger names in the page signals (page-signals.ts names five). */
const MAX_MESSENGERS = 16;
const SENSITIVITIES: readonly string[] = ['relaxed', 'standard', 'strict'];
const SIGNAL_FLAGS = ['bankCardForm', 'idNumberForm', 'verificationCodeForm', 'apkDownload'] as const;

function isPageSignals(value: unknown): value is PageSignals {
  if (!isRecord(value)) return false;
  for (const flag of SIGNAL_FLAGS) if (value[flag] !== undefined && typeof value[flag] !== 'boolean') return false;
  const links = value.messengerLinks;
  return links === undefined || (Array.isArray(links) && links.length <= MAX_MESSENGERS && links.every((l) => typeof l === 'string' && l.length > 0 && l.length <= 32));
}

function isAnalyzeText(value: Record<string, unknown>): boolean {
  if (typeof value.text !== 'string' || value.text.length > MAX_ANALYZE_TEXT) return false;
  if (typeof value.title !== 'string' || value.title.length > MAX_ANALYZE_TITLE) return false;
  const context = value.context;
  if (value.firstStage !== undefined && (context !== undefined || (value.firstStage !== 'page' && value.firstStage !== 'added'))) return false;
  if (context === undefined) return true;
  return isRecord(context) && typeof context.sensitivity === 'string' && SENSITIVITIES.includes(context.sensitivity) && isPageSignals(context.signals);
}

/** The page signals as received: only the fields the engine reads, copied. */
export function cleanSignals(signals: PageSignals): PageSignals {
  const clean: PageSignals = {};
  for (const flag of SIGNAL_FLAGS) if (signals[flag] !== undefined) clean[flag] = signals[flag];
  if (signals.messengerLinks !== undefined) clean.messengerLinks = [...signals.messengerLinks];
  return clean;
}

/** Bounds of a result read back: more than the engine gives (5 matches per rule, a few hundred rules). */
export const MAX_RESULT_FINDINGS = 2_000;
const MAX_MATCHES_PER_FINDING = 64;
const MAX_EXPLANATION_ARGS = 16;
const MAX_ID_LENGTH = 128;
const SIGNAL_NAMES: readonly string[] = [...SIGNAL_FLAGS, 'messengerLinks'];

const isCount = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
const isShortText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

function parseMatch(value: unknown, lengths: { text: number; title: number }): Match {
  if (!isRecord(value) || (value.field !== 'text' && value.field !== 'title')) throw new Error('match');
  const limit = lengths[value.field];
  if (!isCount(value.start, limit) || !isCount(value.end, limit) || value.end < value.start || !isShortText(value.quote, limit)) throw new Error('match offsets');
  return { field: value.field, start: value.start, end: value.end, quote: value.quote };
}

function parseFinding(value: unknown, lengths: { text: number; title: number }): Finding {
  if (!isRecord(value) || !isShortText(value.ruleId, MAX_ID_LENGTH) || typeof value.type !== 'string' || !RULE_TYPES.includes(value.type)) throw new Error('finding');
  if (!isShortText(value.cue, MAX_ID_LENGTH) || typeof value.weight !== 'number' || !Number.isFinite(value.weight)) throw new Error('finding cue');
  if (!isShortText(value.explanationKey, MAX_ID_LENGTH) || !isShortText(value.source, MAX_EXPLANATION_LENGTH)) throw new Error('finding key');
  if (!Array.isArray(value.matches) || value.matches.length > MAX_MATCHES_PER_FINDING) throw new Error('finding matches');
  const finding: Finding = {
    ruleId: value.ruleId,
    type: value.type as RuleType,
    cue: value.cue,
    weight: value.weight,
    matches: value.matches.map((m) => parseMatch(m, lengths)),
    explanationKey: value.explanationKey,
    source: value.source,
  };
  if (value.explanationArgs !== undefined) {
    const args: unknown = value.explanationArgs;
    if (!Array.isArray(args) || args.length > MAX_EXPLANATION_ARGS || !args.every((a) => isShortText(a, MAX_EXPLANATION_LENGTH))) throw new Error('finding arguments');
    finding.explanationArgs = [...(args as string[])];
  }
  return finding;
}

function parseSignalFinding(value: unknown): SignalFinding {
  if (!isRecord(value) || typeof value.signal !== 'string' || !SIGNAL_NAMES.includes(value.signal) || typeof value.weight !== 'number' || !Number.isFinite(value.weight)) throw new Error('signal');
  return { signal: value.signal as SignalFinding['signal'], weight: value.weight };
}

function parseResult(value: unknown, lengths: { text: number; title: number }): AnalyzeResult {
  if (!isRecord(value) || typeof value.level !== 'string' || !(LEVELS as readonly string[]).includes(value.level)) throw new Error('result level');
  const scores = value.scores;
  if (!isRecord(scores) || !SCAM_TYPES.every((type) => typeof scores[type] === 'number' && Number.isFinite(scores[type]))) throw new Error('result scores');
  if (value.topType !== null && !(typeof value.topType === 'string' && (SCAM_TYPES as readonly string[]).includes(value.topType))) throw new Error('result type');
  if (typeof value.aboutFraud !== 'boolean') throw new Error('result about fraud');
  if (!Array.isArray(value.findings) || value.findings.length > MAX_RESULT_FINDINGS || !Array.isArray(value.signals) || value.signals.length > SIGNAL_NAMES.length) throw new Error('result findings');
  const result: AnalyzeResult = {
    level: value.level as Level,
    scores: { investment: scores.investment as number, romance: scores.romance as number, recruitment: scores.recruitment as number },
    topType: value.topType as AnalyzeResult['topType'],
    findings: value.findings.map((f) => parseFinding(f, lengths)),
    signals: value.signals.map(parseSignalFinding),
    aboutFraud: value.aboutFraud,
  };
  const passage = value.passage;
  if (passage === null) result.passage = null;
  else if (passage !== undefined) {
    if (!isRecord(passage) || !isCount(passage.start, lengths.text) || !isCount(passage.end, lengths.text) || passage.end < passage.start) throw new Error('result passage');
    result.passage = { start: passage.start, end: passage.end };
  }
  return result;
}

function isLocalizedText(value: unknown): value is LocalizedText {
  return isRecord(value) && isShortText(value.en, MAX_EXPLANATION_LENGTH) && isShortText(value.zh_CN, MAX_EXPLANATION_LENGTH) && isShortText(value.zh_TW, MAX_EXPLANATION_LENGTH);
}

/**
 * The background's answer to a chunk (`sent`), read defensively: the shape checked, every offset
 * within the text or title sent, every count bounded. Throws on anything else, so a damaged answer
 * is never drawn.
 */
export function parseAnalyzeReply(value: unknown, sent: Pick<AnalyzeTextMessage, 'text' | 'title'>): AnalyzeReply {
  if (!isRecord(value)) throw new Error('Scam Sentinel: no answer to the analysis');
  if (value.verdict === 'clear' || value.verdict === 'reason') return { verdict: value.verdict };
  if (value.verdict !== 'result') throw new Error('Scam Sentinel: unknown verdict');
  const result = parseResult(value.result, { text: sent.text.length, title: sent.title.length });
  const given = value.explanations;
  if (!isRecord(given)) throw new Error('Scam Sentinel: no explanations');
  const explanations: Record<string, LocalizedText> = {};
  for (const finding of result.findings) {
    const text = Object.hasOwn(given, finding.ruleId) ? given[finding.ruleId] : undefined;
    if (text === undefined) continue;
    if (!isLocalizedText(text)) throw new Error('Scam Sentinel: explanation');
    explanations[finding.ruleId] = { en: text.en, zh_CN: text.zh_CN, zh_TW: text.zh_TW };
  }
  return { verdict: 'result', result, explanations };
}
