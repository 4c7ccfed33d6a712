import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, compileRules } from '../../src/engine/index';
import { bundledRules } from '../../src/rules/bundled-rules';
import { warningContent } from '../../src/content/warning-content';

const en = JSON.parse(readFileSync('assets/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
const t = (name: string): string => en[name]?.message ?? '';
const compiled = compileRules(bundledRules());

describe('warningContent', () => {
  const result = analyze({ text: '专业带单老师带你稳赚不赔，日收益8%，提现需先缴纳解冻费。' }, compiled);

  test('explains each sign in words from _locales, with the page\'s own words', () => {
    const content = warningContent(result, t, 'Asia/Shanghai', 'zh-CN');
    expect(content.level).toBe(result.level === 'danger' ? 'danger' : 'caution');
    expect(content.reasons.length).toBeGreaterThan(1);
    for (const r of content.reasons) expect(r.text.length).toBeGreaterThan(20);
    expect(content.reasons.flatMap((r) => r.quotes)).toContain('稳赚不赔');
  });

  test('gives the hotline of the region', () => {
    expect(warningContent(result, t, 'Asia/Shanghai', 'zh-CN').contacts.map((c) => c.href)).toEqual(['tel:96110', 'tel:110']);
    expect(warningContent(result, t, 'Asia/Taipei', 'zh-TW').contacts.map((c) => c.href)).toEqual(['tel:165']);
  });
});
