// Why a rule fired, in the person's language. Rules bundled with this build have their
// explanation in _locales (rule_<id>); rules that arrived later from the feed are not in this
// build's _locales, but carry their explanation in en, zh_CN and zh_TW, which is used instead.
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
