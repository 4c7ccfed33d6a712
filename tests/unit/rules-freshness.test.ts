// @vitest-environment happy-dom
// What the popup and the options page say about the rules in force (issue 13): until a feed has
// ever been reached the built-in rules protect and that is no failure; a failure after a success
// is reported; the age of the rules is shown, and past 30 days it is said plainly.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { initialStatus, rulesFreshness, STALE_AFTER_DAYS, type RulesFreshness, type RulesStatus } from '../../src/shared/rules-status';
import { renderPopup } from '../../src/ui/popup/render-popup';
import { renderRulesSection } from '../../src/ui/options/render-rules-section';
import { formatIssued, rulesStatusView } from '../../src/ui/rules-status-view';

type Messages = Record<string, { message: string }>;
const messagesOf = (locale: string): Messages => JSON.parse(readFileSync(`assets/_locales/${locale}/messages.json`, 'utf8')) as Messages;
const en = messagesOf('en');
const t = (name: string): string => en[name]?.message ?? '';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();

/** A fresh install whose every check so far failed to reach the server. */
const neverReached = (issuedDaysAgo: number): RulesStatus => ({
  ...initialStatus(1, daysAgo(issuedDaysAgo)),
  lastCheck: NOW - 3600_000,
  lastError: { code: 'network', detail: 'Failed to fetch', at: NOW - 3600_000 },
  failures: 4,
  nextCheck: NOW + 3600_000,
});

const feedInForce = (issuedDaysAgo: number): RulesStatus => ({
  ...initialStatus(1, daysAgo(40)),
  version: 7,
  source: 'feed',
  issuedAt: daysAgo(issuedDaysAgo),
  lastCheck: NOW - 2 * 3600_000,
  lastSuccess: NOW - 2 * 3600_000,
  lastUpdate: NOW - 2 * DAY,
});

const successThenFailure: RulesStatus = {
  ...feedInForce(5),
  lastCheck: NOW - 600_000,
  lastError: { code: 'http-status', detail: 'HTTP 503', at: NOW - 600_000, httpStatus: 503 },
  failures: 1,
};

const BUNDLED = `✓ ${t('rules_bundled_in_force')}`;
const UP_TO_DATE = `✓ ${t('rules_up_to_date')}`;
const STALE = `⚠ ${t('rules_stale')}`;

// name, status, what rulesFreshness decides, the summary line, the "Rules issued" row's age,
// the stale line (or null), whether the last problem is shown.
const CASES: [string, RulesStatus, RulesFreshness, string, string, string | null, boolean][] = [
  ['never reached, bundled rules 3 days old', neverReached(3), { state: 'bundled', ageDays: 3, stale: false }, BUNDLED, '(3 days ago)', null, false],
  ['never reached, bundled rules 45 days old', neverReached(45), { state: 'bundled', ageDays: 45, stale: true }, BUNDLED, '(45 days ago)', STALE, false],
  ['a success, then a failure', successThenFailure, { state: 'failing', ageDays: 5, stale: false }, `⚠ ${t('feed_error_http_status')} ${t('rules_kept')}`, '(5 days ago)', null, true],
  ['a recent success, feed issued yesterday', feedInForce(1), { state: 'current', ageDays: 1, stale: false }, UP_TO_DATE, '(yesterday)', null, false],
  ['a recent success, but the feed in force is 31 days old', feedInForce(31), { state: 'current', ageDays: 31, stale: true }, UP_TO_DATE, '(31 days ago)', STALE, false],
];

describe('rulesFreshness and its wording', () => {
  test.each(CASES)('%s', (_name, status, freshness, summary, age, stale, error) => {
    expect(rulesFreshness(status, NOW)).toEqual(freshness);
    const view = rulesStatusView(document, status, t, 'en-GB', NOW);
    expect(view.querySelector('.rules-summary')?.textContent).toBe(summary);
    expect(view.querySelector('.rules-summary')?.getAttribute('data-state')).toBe(freshness.state);
    expect(view.querySelector('[data-field="issued"]')?.textContent).toContain(age);
    expect(view.querySelector('.rules-stale')?.textContent ?? null).toBe(stale);
    expect(view.querySelector('[data-field="last-error"]') !== null).toBe(error);
    const text = view.textContent ?? '';
    // Never reached: nothing reads as a failure, and the server is "not reached yet".
    if (freshness.state === 'bundled') {
      expect(text).not.toContain(t('feed_error_network'));
      expect(view.querySelector('[data-field="feed"]')?.textContent).toBe(t('rules_feed_not_reached'));
      expect(view.querySelector('[data-field="last-success"]')).toBeNull();
    } else {
      expect(view.querySelector('[data-field="feed"]')).toBeNull();
    }
  });

  test('the stale line appears past exactly 30 days, not at 30', () => {
    expect(STALE_AFTER_DAYS).toBe(30);
    expect(rulesFreshness(neverReached(30), NOW).stale).toBe(false);
    expect(rulesFreshness(neverReached(31), NOW).stale).toBe(true);
  });

  test('rules of unknown date show no age and are not called old', () => {
    const view = rulesStatusView(document, initialStatus(1), t, 'en-GB', NOW);
    expect(rulesFreshness(initialStatus(1), NOW)).toEqual({ state: 'bundled', ageDays: null, stale: false });
    expect(view.querySelector('[data-field="issued"]')).toBeNull();
    expect(view.querySelector('.rules-stale')).toBeNull();
  });

  test('a failure older than the last success is history, not the state', () => {
    const recovered: RulesStatus = { ...successThenFailure, lastSuccess: NOW - 60_000 };
    expect(rulesFreshness(recovered, NOW).state).toBe('current');
  });

  test('a date issued in the future (a skewed clock) counts as today', () => {
    expect(rulesFreshness({ ...feedInForce(0), issuedAt: new Date(NOW + DAY).toISOString() }, NOW).ageDays).toBe(0);
  });

  test('the age reads naturally in Chinese too', () => {
    expect(formatIssued(daysAgo(45), 45, 'zh-CN')).toMatch(/45\s*天前/);
    expect(formatIssued(daysAgo(45), 45, 'zh-TW')).toMatch(/45\s*天前/);
  });

  test.each(['zh_CN', 'zh_TW'])('%s: the stale line and the bundled line are translated', (locale) => {
    const messages = messagesOf(locale);
    for (const key of ['rules_stale', 'rules_bundled_in_force', 'rules_feed_not_reached', 'rules_issued_label']) {
      expect(messages[key]?.message).not.toBe(en[key]?.message);
    }
    expect(messages.rules_stale?.message).toContain('30');
  });
});

describe('the popup and the options page show it', () => {
  test('popup footer: never reached, 45-day-old bundled rules say so plainly', () => {
    const root = document.createElement('main');
    renderPopup(root, { rules: neverReached(45), state: null }, t, 'GB', 'en-GB', null, NOW);
    const footer = root.querySelector('footer');
    expect(footer?.querySelector('.rules-summary')?.textContent).toBe(`✓ ${t('rules_bundled_in_force')}`);
    expect(footer?.querySelector('.rules-stale')?.textContent).toBe(`⚠ ${t('rules_stale')}`);
    expect(footer?.textContent).not.toContain(t('feed_error_network'));
  });

  test('options page: "Update now" that fails before any success still says the built-in rules are in force', async () => {
    const section = renderRulesSection(document, initialStatus(1, daysAgo(2)), { t, locale: 'en-GB', now: () => NOW, updateNow: async () => neverReached(2) });
    document.body.replaceChildren(section);
    expect(section.querySelector('.rules-summary')?.textContent).toBe(`✓ ${t('rules_bundled_in_force')}`);
    section.querySelector('button')?.click();
    await expect.poll(() => section.querySelector('[data-field="last-check"]')?.textContent).not.toBe(t('rules_never'));
    expect(section.querySelector('.rules-summary')?.textContent).toBe(`✓ ${t('rules_bundled_in_force')}`);
    expect(section.querySelector('[data-field="issued"]')?.textContent).toContain('(2 days ago)');
  });
});
