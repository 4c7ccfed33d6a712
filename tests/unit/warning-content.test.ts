import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, compileRules } from '../../src/engine/index';
import { bundledRules } from '../../scripts/lib/bundled-rules';
import { warningContent } from '../../src/content/warning-content';
import { localeColumn, ruleExplanation } from '../../src/content/rule-explanation';
import { translateFrom, type MessageEntry } from '../../src/shared/explanation-text';

const messagesOf = (locale: string): Record<string, MessageEntry> => JSON.parse(readFileSync(`assets/_locales/${locale}/messages.json`, 'utf8')) as Record<string, MessageEntry>;
const t = translateFrom(messagesOf('en'));
const compiled = compileRules(bundledRules());
/** Each rule's own explanation, as the content script reads it from the rules in force. */
const explainIn = (language: string) => (id: string): string => ruleExplanation(bundledRules().find((r) => r.id === id)?.explanation, language);

describe('warningContent', () => {
  const result = analyze({ text: '专业带单老师带你稳赚不赔，日收益8%，提现需先缴纳解冻费。' }, compiled);

  test('explains each sign in the rule\'s own words, with the page\'s own words', () => {
    const content = warningContent(result, t, { explain: explainIn('zh-CN'), timeZone: 'Asia/Shanghai', language: 'zh-CN' });
    expect(content.level).toBe(result.level === 'danger' ? 'danger' : 'caution');
    expect(content.reasons.length).toBeGreaterThan(1);
    for (const r of content.reasons) expect(r.text.length).toBeGreaterThan(20);
    expect(content.reasons.flatMap((r) => r.quotes)).toContain('稳赚不赔');
  });

  test('gives the hotline of the region', () => {
    expect(warningContent(result, t, { timeZone: 'Asia/Shanghai', language: 'zh-CN' }).contacts.map((c) => c.href)).toEqual(['tel:96110', 'tel:110']);
    expect(warningContent(result, t, { timeZone: 'Asia/Taipei', language: 'zh-TW' }).contacts.map((c) => c.href)).toEqual(['tel:165']);
  });
});

describe('claims', () => {
  test('a claim\'s reason quotes it and does the arithmetic, in the person\'s language', () => {
    const result = analyze({ text: 'VIP plan: 13% daily for 9 days, withdraw any time.' }, compiled);
    expect(result.findings.map((f) => f.ruleId)).toContain('claim-return-extreme');
    const en = warningContent(result, t, { timeZone: 'UTC', language: 'en' }).reasons.map((r) => r.text);
    expect(en).toContainEqual(expect.stringContaining('It promises “13% daily for 9 days”. That is over 4,000% a year.'));
    const zhTW = warningContent(result, translateFrom(messagesOf('zh_TW')), { timeZone: 'Asia/Taipei', language: 'zh-TW' }).reasons.map((r) => r.text);
    expect(zhTW).toContainEqual(expect.stringContaining('頁面承諾「13% daily for 9 days」，換算下來一年超過 4,000%'));
  });
});

describe('rules from the feed and listed sites', () => {
  const feedRule = { ...bundledRules()[0]!, id: 'inv-from-feed-en', lang: 'en' as const, type: 'investment' as const, weight: 5, patterns: { phrases: ['moonlit orchard bonus scheme'] }, explanation: { en: 'Feed says why.', zh_CN: '更新说明。', zh_TW: '更新說明。' } };
  const withFeed = compileRules([...bundledRules(), feedRule]);
  const result = analyze({ text: 'Ask about the moonlit orchard bonus scheme today.' }, withFeed);

  test('a rule from the feed explains itself in the person\'s language, as the bundled ones do', () => {
    const explain = (id: string): string => (id === feedRule.id ? ruleExplanation(feedRule.explanation, 'zh-TW') : '');
    expect(warningContent(result, t, { explain, timeZone: 'Asia/Taipei', language: 'zh-TW' }).reasons.map((r) => r.text)).toContain('更新說明。');
    expect(warningContent(result, t, { timeZone: 'UTC', language: 'en' }).reasons.map((r) => r.text)).toContain(t('popup_rule_unexplained'));
  });

  test('a listed site leads with the list that names it', () => {
    const clean = analyze({ text: 'Opening hours and prices.' }, withFeed);
    expect(warningContent(clean, t, { listed: { listId: 'polkadot' }, timeZone: 'UTC', language: 'en' }).reasons[0]!.text).toBe(t('reason_listed_polkadot'));
    expect(warningContent(clean, t, { listed: { listId: 'next-year-list' }, timeZone: 'UTC', language: 'en' }).reasons[0]!.text).toBe(t('reason_listed_other'));
  });

  test.each([
    ['en-US', 'en'],
    ['zh-CN', 'zh_CN'],
    ['zh', 'zh_CN'],
    ['zh-TW', 'zh_TW'],
    ['zh-HK', 'zh_TW'],
    ['zh-Hant-MO', 'zh_TW'],
    ['zh_Hans_SG', 'zh_CN'],
    ['fr', 'en'],
  ])('localeColumn(%s) = %s', (lang, column) => {
    expect(localeColumn(lang)).toBe(column);
  });
});
