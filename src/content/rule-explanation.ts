// Why a rule fired, in the person's language: the rule's own text, for the rules bundled with this
// build and the rules that came later from the feed alike (every rule carries its explanation in
// en, zh_CN and zh_TW; the build fills zh_TW from zh_CN where the author gave none). Only the
// claims' explanations, which quote the page and do arithmetic, live in _locales (claim_*).
import type { LocalizedText } from '../engine/types';

/** The _locales column for a UI language ("zh-TW", "zh-Hant-HK" → zh_TW; other zh → zh_CN; else en). */
export function localeColumn(uiLanguage: string): keyof LocalizedText {
  const lang = uiLanguage.toLowerCase().replace(/_/g, '-');
  if (!lang.startsWith('zh')) return 'en';
  return /-(tw|hk|mo|hant)\b/.test(lang) ? 'zh_TW' : 'zh_CN';
}

export function ruleExplanation(text: LocalizedText | undefined, uiLanguage: string): string {
  return text?.[localeColumn(uiLanguage)] ?? '';
}
