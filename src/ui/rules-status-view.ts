// How the rules stand, for the popup and the options page: version in force, last check, last
// update, next check, and the last problem in plain words (feed_error_<code> in _locales). Built
// with DOM APIs and textContent only.
import type { RulesStatus } from '../shared/rules-status';

export type GetMessage = (name: string) => string;

/** The _locales key that explains a feed error code ("bad-signature" → feed_error_bad_signature). */
export const feedErrorKey = (code: string): string => `feed_error_${code.replace(/-/g, '_')}`;

export function formatTime(ms: number | null, t: GetMessage, locale?: string): string {
  if (ms === null) return t('rules_never');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A <dl> of the status, and one sentence that sums it up (role=status: read out when it changes). */
export function rulesStatusView(doc: Document, status: RulesStatus, t: GetMessage, locale?: string): HTMLElement {
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
  const source = status.source === 'feed' ? t('rules_source_feed') : t('rules_source_bundled');
  row('rules_version_label', `${status.version} (${source})`, 'version');
  row('rules_last_check_label', formatTime(status.lastCheck, t, locale), 'last-check');
  row('rules_last_success_label', formatTime(status.lastSuccess, t, locale), 'last-success');
  row('rules_last_update_label', formatTime(status.lastUpdate, t, locale), 'last-update');
  if (status.nextCheck !== null) row('rules_next_check_label', formatTime(status.nextCheck, t, locale), 'next-check');

  const summary = doc.createElement('p');
  summary.setAttribute('role', 'status');
  summary.className = 'rules-summary';
  if (status.lastError) {
    row('rules_last_error_label', `${t(feedErrorKey(status.lastError.code))} (${formatTime(status.lastError.at, t, locale)})`, 'last-error');
    summary.dataset.state = 'error';
    // Meaning is in the words, not in a colour: "⚠" and the sentence say it failed.
    summary.textContent = `⚠ ${t(feedErrorKey(status.lastError.code))} ${t('rules_kept')}`;
  } else if (status.lastSuccess !== null) {
    summary.dataset.state = 'ok';
    summary.textContent = `✓ ${t('rules_up_to_date')}`;
  }
  box.append(list);
  if (summary.textContent) box.append(summary);
  return box;
}
