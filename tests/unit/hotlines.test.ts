import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { guessRegion, HOTLINES, REGIONS, telLink, isRegion } from '../../src/shared/hotlines';

const locales = ['en', 'zh_CN', 'zh_TW'].map((l) => JSON.parse(readFileSync(`assets/_locales/${l}/messages.json`, 'utf8')) as Record<string, { message: string }>);

describe('hotline directory', () => {
  test.each(REGIONS)('%s has contacts, an official https source, and its names in every locale', (region) => {
    const h = HOTLINES[region];
    expect(h.region).toBe(region);
    expect(h.contacts.length).toBeGreaterThan(0);
    expect(h.source).toMatch(/^https:\/\/[a-z0-9.-]+\.(gov|gov\.[a-z]{2}|police\.uk|ca)\//);
    for (const messages of locales) {
      expect(messages[h.nameKey]?.message).toBeTruthy();
      for (const c of h.contacts) expect(messages[c.labelKey]?.message, c.labelKey).toBeTruthy();
    }
    for (const c of h.contacts) expect(Boolean(c.phone) !== Boolean(c.url)).toBe(true);
  });

  test.each([
    ['CN', ['96110', '110']],
    ['HK', ['18222']],
    ['TW', ['165']],
    ['SG', ['1799']],
    ['MY', ['997']],
    ['GB', ['0300 123 2040', '7726']],
    ['CA', ['1-888-495-8501']],
    ['AU', ['1300 292 371']],
    ['IN', ['1930']],
  ] as const)('%s numbers', (region, phones) => {
    expect(HOTLINES[region].contacts.map((c) => c.phone)).toEqual(phones);
  });

  test('the United States reports online', () => {
    expect(HOTLINES.US.contacts.map((c) => c.url)).toEqual(['https://reportfraud.ftc.gov/', 'https://www.ic3.gov/']);
  });

  test.each([
    ['0300 123 2040', 'tel:03001232040'],
    ['1-888-495-8501', 'tel:18884958501'],
    ['+852 18222', 'tel:+85218222'],
  ])('tel link for %s', (phone, link) => {
    expect(telLink(phone)).toBe(link);
  });
});

describe('guessRegion', () => {
  test.each([
    ['Asia/Shanghai', 'zh-CN', 'CN'],
    ['Asia/Hong_Kong', 'zh-TW', 'HK'],
    ['Asia/Taipei', 'zh-CN', 'TW'],
    ['Asia/Singapore', 'zh-CN', 'SG'],
    ['Asia/Kuala_Lumpur', 'ms', 'MY'],
    ['Europe/London', 'en-US', 'GB'],
    ['America/New_York', 'zh-CN', 'US'],
    ['America/Toronto', 'en-US', 'CA'],
    ['Australia/Sydney', 'en-GB', 'AU'],
    ['Asia/Kolkata', 'en-US', 'IN'],
    [undefined, 'zh-TW', 'TW'],
    ['Europe/Paris', 'zh-HK', 'HK'],
    ['Europe/Paris', 'en_GB', 'GB'],
    ['Europe/Paris', 'zh', 'CN'],
    ['Europe/Berlin', 'de-DE', 'CN'],
    [undefined, undefined, 'CN'],
  ] as const)('time zone %s, language %s → %s', (zone, lang, region) => {
    expect(guessRegion(zone, lang)).toBe(region);
  });

  test('isRegion accepts only known regions', () => {
    expect(isRegion('HK')).toBe(true);
    expect(isRegion('XX')).toBe(false);
    expect(isRegion(3)).toBe(false);
  });
});
