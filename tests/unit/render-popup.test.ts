// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderPopup } from '../../src/ui/popup/render-popup';
import { isUiSender } from '../../src/background/ui-sender';
import { groupFindings } from '../../src/ui/popup/group-findings';
import { isUiToBackgroundMessage, parseTabState, type TabStateResponse } from '../../src/shared/messages';
import { initialStatus, type RulesStatus } from '../../src/shared/rules-status';
import { rulesStatusView } from '../../src/ui/rules-status-view';

const en = JSON.parse(readFileSync('assets/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const t = (name: string): string => en[name]?.message ?? '';

const scam: TabStateResponse = {
  rules: initialStatus(3),
  state: {
    level: 'danger',
    host: 'scam.example',
    scannedAt: 1,
    findings: [
      { ruleId: 'rec-overseas-high-salary-zh', type: 'recruitment', quotes: ['<img src=x onerror=alert(1)>'] },
      { ruleId: 'no-such-rule', type: 'investment', quotes: ['稳赚不赔', '带单老师'] },
      { ruleId: 'ctx-x', type: 'context', quotes: ['警方提醒'] },
    ],
  },
};

function render(response: TabStateResponse, region: Parameters<typeof renderPopup>[3] = 'CN'): HTMLElement {
  const root = document.createElement('main');
  renderPopup(root, response, t, region);
  return root;
}

describe('renderPopup', () => {
  test('a flagged tab: verdict in words, findings by type with quotes, steps, hotline as tel: links', () => {
    const root = render(scam);
    const text = root.textContent ?? '';
    expect(root.querySelector('.verdict')?.getAttribute('data-level')).toBe('danger');
    expect(text).toContain(t('popup_level_danger'));
    expect(text).toContain('scam.example');
    expect([...root.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      t('type_investment'), t('type_recruitment'), t('popup_what_to_do'), `${t('popup_hotline')} · ${t('region_CN')}`,
    ]);
    expect([...root.querySelectorAll('.quotes li')].map((li) => li.textContent)).toEqual(['“稳赚不赔”', '“带单老师”', '“<img src=x onerror=alert(1)>”']);
    // Page text is shown as text, never parsed as markup.
    expect(root.querySelector('img')).toBeNull();
    expect(text).not.toContain('警方提醒');
    expect(text).toContain(t('popup_rule_unexplained'));
    expect([...root.querySelectorAll('ul.contacts a')].map((a) => a.getAttribute('href'))).toEqual(['tel:96110', 'tel:110']);
    expect(root.querySelector('footer [data-field="version"]')?.textContent).toBe(`3 (${t('rules_source_bundled')})`);
  });

  test('"Report a mistake" shows exactly what the report holds before anything opens', () => {
    const root = render(scam);
    const toggle = [...root.querySelectorAll('button')].find((b) => b.textContent === t('popup_report_mistake'))!;
    const details = root.querySelector('#report') as HTMLElement;
    expect(details.hidden).toBe(true);
    toggle.click();
    expect(details.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const report = root.querySelector('pre.report')?.textContent ?? '';
    // Rule ids and the host, nothing else: no quotes, no page text, no URL path.
    expect(report).toBe('Scam Sentinel mistake report\nsite: scam.example\nrules: no-such-rule, rec-overseas-high-salary-zh\nrules version: 3');
    expect(report).not.toContain('稳赚不赔');
    const mail = [...root.querySelectorAll('a')].find((a) => a.getAttribute('href')?.startsWith('mailto:'))!;
    expect(decodeURIComponent(mail.getAttribute('href')!.split('body=')[1]!)).toBe(report);
  });

  test('a clean page offers no report', () => {
    const root = render({ rules: initialStatus(3), state: { level: 'none', host: 'news.example', scannedAt: 1, findings: [] } });
    expect(root.querySelector('#report')).toBeNull();
  });

  test('a clean tab says no signs were found and that this is not a guarantee', () => {
    const root = render({ rules: initialStatus(3), state: { level: 'none', host: 'news.example', scannedAt: 1, findings: [] } }, 'GB');
    const text = root.textContent ?? '';
    expect(text).toContain(t('popup_level_none'));
    expect(text).toContain(t('popup_not_guarantee'));
    expect(text).not.toContain(t('popup_what_to_do'));
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['tel:03001232040', 'tel:7726']);
  });

  test('an unscanned tab says so; the United States reports online', () => {
    const root = render({ rules: initialStatus(3), state: null }, 'US');
    expect(root.textContent).toContain(t('popup_not_scanned'));
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://reportfraud.ftc.gov/', 'https://www.ic3.gov/']);
    expect(links.every((a) => a.getAttribute('rel') === 'noopener noreferrer')).toBe(true);
  });
});

describe('popup plumbing', () => {
  test('groups put the type with most findings first and leave context out', () => {
    expect(groupFindings(scam.state!.findings).map((g) => g.type)).toEqual(['investment', 'recruitment']);
  });

  test('only our own pages pass as the popup', () => {
    const own = 'abcdefghijklmnopabcdefghijklmnop';
    const origin = `chrome-extension://${own}/`;
    expect(isUiSender({ id: own, url: `${origin}src/ui/popup/index.html` }, own, origin)).toBe(true);
    expect(isUiSender({ id: own, url: 'https://scam.example/' }, own, origin)).toBe(false);
    expect(isUiSender({ id: 'ponmlkjihgfedcbaponmlkjihgfedcba', url: `${origin}x.html` }, own, origin)).toBe(false);
    expect(isUiSender({ id: own }, own, origin)).toBe(false);
  });

  test.each([
    [{ kind: 'ui-bg-get-tab-state', tabId: 4 }, true],
    [{ kind: 'ui-bg-get-tab-state', tabId: null }, true],
    [{ kind: 'ui-bg-get-tab-state', tabId: -1 }, false],
    [{ kind: 'ui-bg-get-tab-state', tabId: '4' }, false],
    [{ kind: 'cs-bg-page-result', tabId: 4 }, false],
  ])('UI message %j → %s', (message, ok) => {
    expect(isUiToBackgroundMessage(message)).toBe(ok);
  });

  test('stored tab state is validated when read back', () => {
    expect(parseTabState(scam.state)).toEqual(scam.state);
    expect(parseTabState({ ...scam.state, level: 'severe' })).toBeNull();
    expect(parseTabState({ ...scam.state, scannedAt: 'yesterday' })).toBeNull();
    expect(parseTabState(undefined)).toBeNull();
  });
});

describe('known scam sites and the rules status', () => {
  test('a listed site says which public list names it, in words', () => {
    const root = render({ ...scam, state: { ...scam.state!, listed: { listId: 'gaso' } } });
    expect(root.querySelector('.listed h2')?.textContent).toBe(t('popup_listed_heading'));
    expect(root.querySelector('.listed p')?.textContent).toBe(t('reason_listed_gaso'));
    const unknown = render({ ...scam, state: { ...scam.state!, listed: { listId: 'future-list' } } });
    expect(unknown.querySelector('.listed p')?.textContent).toBe(t('reason_listed_other'));
  });

  test('a rule from the feed, unknown to this build\'s _locales, shows its own explanation', () => {
    const root = render({ ...scam, state: { ...scam.state!, findings: [{ ruleId: 'inv-new-en', type: 'investment', quotes: ['x'], explanation: 'Feed says why.' }] } });
    expect(root.querySelector('.finding p')?.textContent).toBe('Feed says why.');
  });

  test('a claim shows the explanation the content script filled in, with its quote and arithmetic', () => {
    const explanation = 'It promises “13% daily for 9 days”. That is over 4,000% a year.';
    const findings = [{ ruleId: 'claim-return-extreme', type: 'investment' as const, quotes: ['13% daily for 9 days'], explanation }];
    const state = parseTabState({ ...scam.state, findings });
    expect(state?.findings).toEqual(findings);
    const root = render({ ...scam, state: state! });
    expect(root.querySelector('.finding p')?.textContent).toBe(explanation);
    expect(root.querySelector('.quotes li')?.textContent).toBe('“13% daily for 9 days”');
  });

  test('parseTabState keeps a valid listed site and drops a forged one', () => {
    expect(parseTabState({ ...scam.state, listed: { listId: 'gaso' } })?.listed).toEqual({ listId: 'gaso' });
    expect(parseTabState({ ...scam.state, listed: { listId: '<b>' } })?.listed).toBeUndefined();
  });

  const failed: RulesStatus = {
    ...initialStatus(1),
    version: 2,
    source: 'feed',
    lastCheck: Date.UTC(2026, 10, 23, 10),
    lastUpdate: Date.UTC(2026, 10, 22, 10),
    lastError: { code: 'bad-signature', detail: 'x', at: Date.UTC(2026, 10, 23, 10) },
    failures: 1,
  };

  test('a failed check: the error in plain words, with a symbol and not only a colour, and the rules kept', () => {
    const view = rulesStatusView(document, failed, t, 'en-GB');
    expect(view.querySelector('[data-field="version"]')?.textContent).toBe(`2 (${t('rules_source_feed')})`);
    expect(view.querySelector('[data-field="last-error"]')?.textContent).toContain(t('feed_error_bad_signature'));
    const summary = view.querySelector('[role="status"]');
    expect(summary?.textContent).toBe(`⚠ ${t('feed_error_bad_signature')} ${t('rules_kept')}`);
    expect(summary?.getAttribute('data-state')).toBe('failing');
  });

  test('a good check says the rules are up to date; a never-checked install says never and that the built-in rules are in force', () => {
    const ok = rulesStatusView(document, { ...failed, lastError: null, lastSuccess: failed.lastCheck }, t, 'en-GB');
    expect(ok.querySelector('[role="status"]')?.textContent).toBe(`✓ ${t('rules_up_to_date')}`);
    expect(ok.querySelector('[data-field="last-success"]')?.textContent).not.toBe(t('rules_never'));
    const fresh = rulesStatusView(document, initialStatus(1), t, 'en-GB');
    expect(fresh.querySelector('[data-field="last-check"]')?.textContent).toBe(t('rules_never'));
    expect(fresh.querySelector('[data-field="last-success"]')).toBeNull();
    expect(fresh.querySelector('[role="status"]')?.textContent).toBe(`✓ ${t('rules_bundled_in_force')}`);
  });

  test('every feed error code has a message in every locale', async () => {
    const { FEED_ERROR_CODES } = await import('../../src/rules/feed-error');
    const { feedErrorKey } = await import('../../src/ui/rules-status-view');
    for (const locale of ['en', 'zh_CN', 'zh_TW']) {
      const messages = JSON.parse(readFileSync(`assets/_locales/${locale}/messages.json`, 'utf8')) as Record<string, unknown>;
      for (const code of FEED_ERROR_CODES) expect(messages[feedErrorKey(code)], `${locale} ${code}`).toBeDefined();
    }
  });
});
