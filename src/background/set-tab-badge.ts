// The toolbar badge is the quiet, per-tab signal (DESIGN, "Warning levels"): empty when no sign
// was found, "!" on amber for caution, "!!" on red for danger. The title carries the same
// information in words for screen readers and for anyone who cannot tell the colours apart.
import browser from 'webextension-polyfill';
import type { Level } from '../engine/types';

interface BadgeStyle {
  /** _locales message names. */
  textKey: string;
  titleKey: string;
  background: string;
  text: string;
}

// Amber with black text and dark red with white text both exceed a 4.5:1 contrast ratio.
const BADGE_STYLES: Record<Exclude<Level, 'none'>, BadgeStyle> = {
  caution: { textKey: 'badge_text_caution', titleKey: 'action_title_caution', background: '#F5B400', text: '#000000' },
  danger: { textKey: 'badge_text_danger', titleKey: 'action_title_danger', background: '#B3261E', text: '#FFFFFF' },
};

export async function setTabBadge(tabId: number, level: Level): Promise<void> {
  if (level === 'none') {
    // An empty badge shows nothing, whatever its colours.
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: '' }),
      browser.action.setTitle({ tabId, title: browser.i18n.getMessage('action_title_none') }),
    ]);
    return;
  }
  const style = BADGE_STYLES[level];
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: browser.i18n.getMessage(style.textKey) }),
    browser.action.setBadgeBackgroundColor({ tabId, color: style.background }),
    // setBadgeTextColor: Chrome 110+, Firefox 63+; older browsers pick a text colour themselves.
    typeof browser.action.setBadgeTextColor === 'function'
      ? browser.action.setBadgeTextColor({ tabId, color: style.text })
      : Promise.resolve(),
    browser.action.setTitle({ tabId, title: browser.i18n.getMessage(style.titleKey) }),
  ]);
}

/** Back to the manifest's badge and title while a new page loads (nothing is known yet). */
export async function clearTabBadge(tabId: number): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: '' }),
    browser.action.setTitle({ tabId, title: browser.i18n.getMessage('ext_name') }),
  ]);
}
