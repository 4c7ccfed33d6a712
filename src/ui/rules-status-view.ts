// How the rules stand, for the popup and the options page: version in force, when it was issued
// and how long ago, last check, last update, next check, and the last problem in plain words
// (feed_error_<code> in _locales). What to say is decided by rulesFreshness (shared/rules-status.ts):
// until a feed has ever been reached the built-in rules are in force, which is not a failure
// (issue 13); past 30 days the rules are called old. Built with DOM APIs and textContent only.
import { rulesFreshness, type RulesStatus } from '../shared/rules-status';
import type { GetMessage } from './dom';

export type { GetMessage };

/** The _locales key that explains a feed error code ("bad-signature" → feed_error_bad_signature). */
export const feedErrorKey = (code: string): string => `feed_error_${code.replace(/-/g, '_')}`;

export function formatTime(ms: number | null, t: GetMessage, locale?: string): string {
  if (ms === null) return t('rules_never');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** "12 Oct 2026 (3 days ago)": the date the rules were issued and their age in the page's language. */
export function formatIssued(issuedAt: string, ageDays: number, locale?: string): string {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(issuedAt));
  const age = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-ageDays, 'day');
  return `${date} (${age})`;
}

/** A <dl> of the status, and the sentences that sum it up (role=status: read out when they change). */
export function rulesStatusView(doc: Document, status: RulesStatus, t: GetMessage, locale?: string, now: number = Date.now()): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'rules-status';
  const list = doc.createElement('dl');
  const row = (label: string, value: string, name: string): void => {
    const dt = doc.createElement('dt');
    dt.textContent = t(label);
    const dd = doc.createElement('dd');
    dd.textContent = value;
    dd.dataset.field = name;
    list.append(dt, dd);
  };
  const freshness = rulesFreshness(status, now);
  const source = status.source === 'feed' ? t('rules_source_feed') : t('rules_source_bundled');
  row('rules_version_label', `${status.version} (${source})`, 'version');
  if (status.issuedAt !== null && freshness.ageDays !== null) row('rules_issued_label', formatIssued(status.issuedAt, freshness.ageDays, locale), 'issued');
  row('rules_last_check_label', formatTime(status.lastCheck, t, locale), 'last-check');
  if (freshness.state === 'bundled') {
    // A fact, not an alarm: "last successful check: never" beside an error would read as broken.
    row('rules_feed_label', t('rules_feed_not_reached'), 'feed');
  } else {
    row('rules_last_success_label', formatTime(status.lastSuccess, t, locale), 'last-success');
    row('rules_last_update_label', formatTime(status.lastUpdate, t, locale), 'last-update');
  }
  if (status.nextCheck !== null) row('rules_next_check_label', formatTime(status.nextCheck, t, locale), 'next-check');

  const summary = doc.createElement('p');
  summary.setAttribute('role', 'status');
  summary.className = 'rules-summary';
  summary.dataset.state = freshness.state;
  if (freshness.state === 'failing' && status.lastError) {
    row('rules_last_error_label', `${t(feedErrorKey(status.lastError.code))} (${formatTime(status.lastError.at, t, locale)})`, 'last-error');
    // Meaning is in the words, not in a colour: "⚠" and the sentence say it failed.
    summary.textContent = `⚠ ${t(feedErrorKey(status.lastError.code))} ${t('rules_kept')}`;
  } else {
    summary.textContent = `✓ ${t(freshness.state === 'bundled' ? 'rules_bundled_in_force' : 'rules_up_to_date')}`;
  }
  box.append(list, summary);
  if (freshness.stale) {
    const stale = doc.createElement('p');
    stale.className = 'rules-stale';
    stale.dataset.state = 'stale';
    stale.textContent = `⚠ ${t('rules_stale')}`;
    box.append(stale);
  }
  return box;
}
