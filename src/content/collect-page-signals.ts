// Page signals read from the live DOM (what the text alone does not say): forms that ask for a
// bank card, ID number or verification code, messenger contact links, APK downloads. The pattern
// logic is shared with the CLI scanner (src/shared/page-signals.ts).
import type { DomSignals } from '../engine/types';
import { hiddenByMarkup } from './collect-page-text';
import { classifyField, describeText, emptySignals, isApkLink, messengerOf, NON_DATA_INPUT_TYPES } from '../shared/page-signals';

/** Enough fields and links for any real page; bounds the work on generated ones. */
const MAX_ELEMENTS = 2000;

/** What a field asks for: its own attributes, its labels, and short text around it. */
function describeField(field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): string {
  const parts: string[] = [];
  for (const attr of ['name', 'id', 'placeholder', 'aria-label', 'title', 'autocomplete']) {
    const value = field.getAttribute(attr);
    if (value) parts.push(value);
  }
  for (const label of Array.from(field.labels ?? [])) parts.push(label.textContent ?? '');
  const around = (field.parentElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Only a short neighbourhood: one big form must not lend its words to every field in it.
  if (around.length > 0 && around.length <= 40) parts.push(around);
  return describeText(parts.join(' '));
}

export function collectPageSignals(doc: Document): DomSignals {
  const base = doc.baseURI;
  const signals = emptySignals();
  const messengers = new Set<string>();
  // document.links (every a[href] and area[href]) is read lazily, as far as it is read: a
  // querySelectorAll listed all of a big page's links first (issue 11: with the URL parsing of
  // in-page anchors, about 25 ms in one task on a page of 100,000 elements). A link is parsed
  // only when it can point elsewhere, and checked for hiding only when it would count.
  const links = doc.links;
  for (let i = 0; i < MAX_ELEMENTS; i++) {
    const link = links.item(i);
    if (link === null) break;
    const href = link.getAttribute('href') ?? '';
    if ((href === '' || href.startsWith('#')) && !link.hasAttribute('download')) continue;
    const messenger = messengerOf(href, base);
    const apk = isApkLink(href, base, link.getAttribute('download'));
    if ((messenger === null && !apk) || hiddenByMarkup(link)) continue;
    if (messenger) messengers.add(messenger);
    if (apk) signals.apkDownload = true;
  }
  const fields = doc.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea');
  for (let i = 0; i < fields.length && i < MAX_ELEMENTS; i++) {
    const field = fields[i]!;
    const type = (field.getAttribute('type') ?? 'text').toLowerCase();
    if (NON_DATA_INPUT_TYPES.has(type) || hiddenByMarkup(field)) continue;
    const asks = classifyField(describeField(field));
    signals.bankCardForm ||= asks.bankCard;
    signals.idNumberForm ||= asks.idNumber;
    signals.verificationCodeForm ||= asks.verificationCode;
  }
  signals.messengerLinks = [...messengers].sort();
  return signals;
}
