import type { DomSignals } from '../engine/types';

// Page signals that do not come from the text: forms that ask for a bank card, ID or passport
// number or an SMS code, links to messenger contacts, APK downloads. The articles describe
// victims moved to messaging apps, asked for card and ID numbers and verification codes, and
// sent to download the platform's own app (seeds 000, 002, 003). Pure string logic, shared by
// the content script (collect-page-signals.ts) and the CLI scanner (scripts/lib/extract-html.ts).

// What a form field asks for, judged from its name, id, placeholder, autocomplete, aria-label
// and label text (split camelCase / snake_case first, see describeField). The articles describe
// victims asked for bank cards, ID and passport numbers and SMS codes (seeds 000, 002, 003).
export const BANK_CARD = [
  // "ID card number" is an identity document, not a bank card.
  /\bbank ?card/, /(?<!\bid )(?<!identity )\bcard ?(number|no|num)\b/, /\bcardno\b/, /\bcardnum\b/, /\b(credit|debit) ?card\b/,
  /\bcc ?(number|num)\b/, /\b(bank )?account ?(number|no)\b/, /\biban\b/,
  /银行卡/, /卡号/, /银行账号/, /银行帐号/, /信用卡/, /储蓄卡/, /借记卡/, /开户行/,
];
export const ID_NUMBER = [
  /\bid ?(card|number|no|num)\b/, /\bidentity ?(card|number|no)\b/, /\bnational ?id\b/,
  /\bpassport/, /\bssn\b/, /\bsocial ?security\b/, /\bidcard\b/,
  /身份证/, /证件号/, /护照/, /身份号/, /身分证/,
];
export const VERIFICATION_CODE = [
  /\bverif\w* ?code\b/, /\bverify ?code\b/, /\botp\b/, /\bone ?time ?(code|password|passcode)\b/,
  /\bsms ?code\b/, /\bauth\w* ?code\b/, /\bvcode\b/,
  /验证码/, /驗證碼/, /校验码/, /动态码/, /短信码/,
];

/** Messenger contact links, by URL scheme or host. Scam scripts move victims to these apps. */
const MESSENGER_SCHEMES: Record<string, string> = {
  'tg:': 'telegram',
  'whatsapp:': 'whatsapp',
  'line:': 'line',
  'weixin:': 'wechat',
  'wechat:': 'wechat',
  'tencent:': 'qq',
  'mqq:': 'qq',
  'mqqwpa:': 'qq',
  'mqqapi:': 'qq',
};
const MESSENGER_HOSTS: [RegExp, string][] = [
  [/^(t\.me|telegram\.me|telegram\.dog)$/, 'telegram'],
  [/^(wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com)$/, 'whatsapp'],
  [/^(line\.me|lin\.ee|page\.line\.me|liff\.line\.me)$/, 'line'],
  [/^(u\.wechat\.com|weixin\.qq\.com|work\.weixin\.qq\.com)$/, 'wechat'],
  [/^(wpa\d*\.qq\.com|qm\.qq\.com|im\.qq\.com)$/, 'qq'],
];

/** Which messenger a link points to, or null. */
export function messengerOf(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  const byScheme = MESSENGER_SCHEMES[url.protocol];
  if (byScheme) return byScheme;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  for (const [re, name] of MESSENGER_HOSTS) if (re.test(host)) return name;
  return null;
}

export function isApkLink(href: string, base: string, download: string | null): boolean {
  if (download && /\.apk$/i.test(download.trim())) return true;
  try {
    return /\.apk$/i.test(new URL(href, base).pathname);
  } catch {
    return false;
  }
}

/** Split camelCase and separators so "bankCardNo" and "bank_card_no" both read "bank card no". */
export function describeText(raw: string): string {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.[\]:：/]+/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchesAny(patterns: RegExp[], s: string): boolean {
  return patterns.some((re) => re.test(s));
}

/**
 * Parse `html` and return its visible text, title and page signals.
 * `baseUrl` resolves relative links (a saved page's own URL when known).
 */

/** What a form field asks for, from its description (describeText of its name, label…). */
export function classifyField(description: string): { bankCard: boolean; idNumber: boolean; verificationCode: boolean } {
  return {
    bankCard: matchesAny(BANK_CARD, description),
    idNumber: matchesAny(ID_NUMBER, description),
    verificationCode: matchesAny(VERIFICATION_CODE, description),
  };
}

/** Input types that never ask the user for data. */
export const NON_DATA_INPUT_TYPES = new Set([
  'hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio', 'file', 'range', 'color',
]);

/** No signal found yet. */
export function emptySignals(): DomSignals {
  return { bankCardForm: false, idNumberForm: false, verificationCodeForm: false, messengerLinks: [], apkDownload: false };
}
