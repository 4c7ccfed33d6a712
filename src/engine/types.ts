// Types shared by the engine, the rules compiler, the extension and the CLI tools.
// Nothing here touches a browser API.
import type { TextModel } from './text-model';

/** The scam types the extension warns about. */
export const SCAM_TYPES = ['investment', 'romance', 'recruitment'] as const;
export type ScamType = (typeof SCAM_TYPES)[number];

/**
 * A rule of kind `context` marks text that talks *about* fraud (news, police or bank advice,
 * anti-fraud campaigns). Context rules never warn; they lower the level of a page that reports
 * on scams while naming every trick.
 */
export type RuleType = ScamType | 'context';

export const LEVELS = ['none', 'caution', 'danger'] as const;
export type Level = (typeof LEVELS)[number];
/** The one ranking of levels (none < caution < danger) that every context compares with. */
export const levelRank = (level: Level): number => LEVELS.indexOf(level);
/** The higher of two levels. */
export const higherLevel = (a: Level, b: Level): Level => (levelRank(a) >= levelRank(b) ? a : b);

/** Language of a rule: what the phrases are written in (traditional Chinese is folded to simplified). */
export type RuleLang = 'zh' | 'en' | 'any';

export type LocalizedText = { en: string; zh_CN: string; zh_TW: string };

/**
 * The patterns of one rule. A rule fires when any of its parts matches:
 * - `phrases`: any of these phrases (matched on normalised text, see normalize-text.ts).
 *   Latin phrases match on word boundaries; a trailing `*` allows any word ending
 *   ("return*" matches "returns").
 * - `near`: one phrase from *each* group within `window` normalised characters.
 * - `regex`: linear-safe regular expressions over the normalised text (the compiler rejects
 *   back-references, look-around, nested quantifiers and unbounded repetition of groups).
 */
export interface RulePatterns {
  phrases?: string[];
  near?: { groups: string[][]; window: number };
  regex?: string[];
}

/** A rule as written in `rules/*.yaml` and as carried by the feed. */
export interface Rule {
  id: string;
  type: RuleType;
  /** What part of the scam script this cue is: combinations of different cues make a scam. */
  cue: string;
  lang: RuleLang;
  /** 1 (weak, common in benign text) … 5 (almost only seen in scams). */
  weight: number;
  patterns: RulePatterns;
  /** User-facing "why this is a scam sign", shown as it stands (bundled and feed rules alike); zh_TW from zh_CN by OpenCC when the source has none. */
  explanation: LocalizedText;
  /** The source article behind the rule: a file name in shared/seeds or a citation. */
  source: string;
  examples: { scam: string[]; benign: string[] };
}

/** Page signals the content script reads from the DOM (not from text). */
export interface PageSignals {
  /** A form asking for a bank card number. */
  bankCardForm?: boolean;
  /** A form asking for a national ID / passport number. */
  idNumberForm?: boolean;
  /** A form asking for an SMS verification code. */
  verificationCodeForm?: boolean;
  /** Links to messenger contacts (telegram, whatsapp, line, wechat, qq). */
  messengerLinks?: string[];
  /** Links that download an Android APK. */
  apkDownload?: boolean;
  /** A cryptocurrency address in the visible text (found by analyze() itself, not by the page's reader). */
  walletAddress?: boolean;
}

/** The signals a page's reader collects from its DOM (the content script, the CLI's HTML reader): all but walletAddress, which analyze() finds in the text. */
export type DomSignals = Required<Omit<PageSignals, 'walletAddress'>>;

export interface AnalyzeInput {
  text: string;
  url?: string;
  title?: string;
  signals?: PageSignals;
}

export interface Match {
  /** Where the match is: the page text or its title. */
  field: 'text' | 'title';
  /** Offsets in the ORIGINAL (not normalised) string: [start, end). */
  start: number;
  end: number;
  /** The original text at [start, end). */
  quote: string;
}

export interface Finding {
  ruleId: string;
  type: RuleType;
  cue: string;
  weight: number;
  matches: Match[];
  /** `_locales` message name of the explanation. */
  explanationKey: string;
  /** Substitutions of the explanation ($1, $2 …): a claim's own words and its arithmetic. */
  explanationArgs?: string[];
  source: string;
}

export interface SignalFinding {
  signal: keyof PageSignals;
  weight: number;
}

export interface AnalyzeResult {
  level: Level;
  /** Score per scam type after combination rules, before the about-fraud damping. */
  scores: Record<ScamType, number>;
  /** The type that decided the level, if any. */
  topType: ScamType | null;
  findings: Finding[];
  signals: SignalFinding[];
  /** True when the text reads as reporting on or warning about fraud; such pages never warn. */
  aboutFraud: boolean;
  /** The deciding passage of the text, [start, end) in the original text, or null (title only, no cue). */
  passage?: { start: number; end: number } | null;
}

export type Sensitivity = 'relaxed' | 'standard' | 'strict';

export interface AnalyzeOptions {
  sensitivity?: Sensitivity;
  /** Cap on matches kept per rule (all are still counted for scoring). */
  maxMatchesPerRule?: number;
  /** How far cues may stand apart and still count together (score-passages.ts PASSAGE_CHARS). */
  passageChars?: number;
  /** The learned second opinion (text-model.ts); without it only the rules and claims count. */
  model?: TextModel | null;
}
