// What the on-page warning says: the reasons (each rule's own explanation, a claim's from _locales
// with its quote and arithmetic filled in, and the page's own words), and whom to call. Pure given a translate
// function, so it is unit-testable.
import type { AnalyzeResult } from '../engine/types';
import { guessRegion, HOTLINES, telLink, type Region } from '../shared/hotlines';
import type { TrustMode } from '../shared/read-settings';
import type { FamilyContact } from '../shared/settings';
import type { ListedSite } from '../shared/messages';
import { explainedInLocales, explanationText } from '../shared/explanation-text';
import type { Translate, WarningContent } from './warning-overlay';

const MAX_REASONS = 6;
const MAX_QUOTES = 3;

export interface WarningContentOptions {
  /** The level decided for the page (verdict.ts); by default, the result's. */
  level?: 'caution' | 'danger';
  timeZone?: string;
  language?: string;
  /** The site is on a public list of scam sites: that is the first reason. */
  listed?: ListedSite | null;
  /** A rule's own explanation in the person's language (rule-explanation.ts); claims are explained from _locales. */
  explain?: (ruleId: string) => string;
  /** The region chosen in the options page; by default, guessed from time zone and language. */
  region?: Region;
  /** The family contact: first among whom to call ("Call Mei"). */
  familyContact?: FamilyContact | null;
  senior?: boolean;
  trust?: TrustMode;
}

export function warningContent(result: AnalyzeResult, t: Translate, options: WarningContentOptions = {}): WarningContent {
  const { timeZone, language, listed, explain, familyContact } = options;
  const listedReason = listed ? [{ text: t(`reason_listed_${listed.listId.replace(/[^a-z0-9]/g, '_')}`) || t('reason_listed_other'), quotes: [] }] : [];
  const reasons = result.findings
    .filter((f) => f.type !== 'context')
    .slice(0, MAX_REASONS)
    .map((f) => ({
      text: (explainedInLocales(f) ? explanationText(f, t) : explain?.(f.ruleId)) || t('popup_rule_unexplained'),
      quotes: [...new Set(f.matches.map((m) => m.quote.replace(/\s+/g, ' ').trim()))].filter(Boolean).slice(0, MAX_QUOTES),
    }));
  const region = options.region ?? guessRegion(timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, language ?? navigator.language);
  const family = familyContact ? [{ label: `${t('warning_call')} ${familyContact.name || t('warning_family')}`, text: familyContact.phone, href: telLink(familyContact.phone) }] : [];
  const contacts = [
    ...family,
    ...HOTLINES[region].contacts.map((c) => ({
      label: t(c.labelKey),
      text: c.phone ?? c.url ?? '',
      href: c.phone ? telLink(c.phone) : (c.url ?? ''),
    })),
  ];
  return {
    level: options.level ?? (result.level === 'danger' ? 'danger' : 'caution'),
    reasons: [...listedReason, ...reasons],
    contacts,
    senior: options.senior === true,
    trust: options.trust ?? 'direct',
  };
}
