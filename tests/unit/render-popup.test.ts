// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderPopup } from '../../src/ui/popup/render-popup';
import { isUiSender } from '../../src/background/ui-sender';
import { groupFindings } from '../../src/shared/group-findings';
import { isUiToBackgroundMessage, parseTabState, type TabStateResponse } from '../../src/shared/messages';

const en = JSON.parse(readFileSync('assets/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const t = (name: string): string => en[name]?.message ?? '';

const scam: TabStateResponse = {
  rulesVersion: 3,
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
    expect(root.querySelector('footer')?.textContent).toBe(`${t('popup_rules_version')} 3`);
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
    const root = render({ rulesVersion: 3, state: { level: 'none', host: 'news.example', scannedAt: 1, findings: [] } });
    expect(root.querySelector('#report')).toBeNull();
  });

  test('a clean tab says no signs were found and that this is not a guarantee', () => {
    const root = render({ rulesVersion: 3, state: { level: 'none', host: 'news.example', scannedAt: 1, findings: [] } }, 'GB');
    const text = root.textContent ?? '';
    expect(text).toContain(t('popup_level_none'));
    expect(text).toContain(t('popup_not_guarantee'));
    expect(text).not.toContain(t('popup_what_to_do'));
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['tel:03001232040', 'tel:7726']);
  });

  test('an unscanned tab says so; the United States reports online', () => {
    const root = render({ rulesVersion: 3, state: null }, 'US');
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
