// A rule's explanation in traditional Chinese (zh_TW), when its source gives only zh_CN: converted
// with OpenCC (mainland simplified → Taiwan traditional, with Taiwan phrasing), at build time, so
// that an author writes two languages, not three. An explicit zh_TW in the YAML is kept as it is:
// the author's override where the Taiwan wording differs from a conversion (it often does: 報導,
// not 報道).
import * as OpenCC from 'opencc-js/cn2t';

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });

/** zh_CN text in Taiwan traditional characters and phrasing. */
export function traditionalOf(zhCN: string): string {
  return toTaiwan(zhCN);
}

/** A raw rule (as parsed from YAML) with explanation.zh_TW filled from zh_CN when it is missing. */
export function withTraditionalExplanation(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const rule = raw as Record<string, unknown>;
  const explanation = rule.explanation;
  if (typeof explanation !== 'object' || explanation === null || Array.isArray(explanation)) return raw;
  const text = explanation as Record<string, unknown>;
  if (text.zh_TW !== undefined || typeof text.zh_CN !== 'string') return raw;
  return { ...rule, explanation: { ...text, zh_TW: traditionalOf(text.zh_CN) } };
}
