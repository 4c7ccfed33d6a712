// The content → background message: its shape check, the summary that keeps page text out of
// it, and the sender check that keeps other extensions and frames from setting a tab's badge.
import { describe, expect, test } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { contentSender } from '../../src/background/content-sender';
import type { AnalyzeResult, Finding } from '../../src/engine/types';
import {
  isContentToBackgroundMessage,
  MAX_EXPLANATION_LENGTH,
  MAX_QUOTE_LENGTH,
  MAX_QUOTES_PER_FINDING,
} from '../../src/shared/messages';
import { summarizeResult } from '../../src/shared/summarize-result';

const valid = {
  kind: 'cs-bg-page-result',
  level: 'caution',
  findings: [{ ruleId: 'inv-returns-zh', type: 'investment', quotes: ['稳赚不赔'] }],
  host: 'example.com',
  path: '/offer',
};

describe('isContentToBackgroundMessage', () => {
  test.each([
    [{ kind: 'cs-bg-acknowledge', host: 'x.example', level: 'caution' }, true],
    [{ kind: 'cs-bg-acknowledge', host: 'x.example', level: 'danger' }, true],
    [{ kind: 'cs-bg-acknowledge', host: 'x.example', level: 'none' }, false],
    [{ kind: 'cs-bg-acknowledge', host: 'x.example' }, false],
    [{ kind: 'cs-bg-acknowledge', host: '', level: 'danger' }, false],
  ])('acknowledgement %j → %s', (message, ok) => {
    expect(isContentToBackgroundMessage(message)).toBe(ok);
  });

  test('accepts a page result', () => {
    expect(isContentToBackgroundMessage(valid)).toBe(true);
    expect(isContentToBackgroundMessage({ ...valid, level: 'none', findings: [] })).toBe(true);
  });

  test.each([
    ['null', null],
    ['a string', 'cs-bg-page-result'],
    ['an unknown kind', { ...valid, kind: 'bg-cs-anything' }],
    ['an unknown level', { ...valid, level: 'severe' }],
    ['findings not an array', { ...valid, findings: {} }],
    ['a finding without a rule id', { ...valid, findings: [{ type: 'investment', quotes: [] }] }],
    ['a finding of an unknown type', { ...valid, findings: [{ ruleId: 'x', type: 'phishing', quotes: [] }] }],
    ['a non-string quote', { ...valid, findings: [{ ruleId: 'x', type: 'investment', quotes: [1] }] }],
    ['no host', { ...valid, host: undefined }],
    ['an over-long host', { ...valid, host: 'h'.repeat(300) }],
    ['no path', { ...valid, path: undefined }],
    ['an over-long explanation', { ...valid, findings: [{ ruleId: 'x', type: 'investment', quotes: [], explanation: 'x'.repeat(2001) }] }],
    ['an over-long path', { ...valid, path: '/'.repeat(3000) }],
    ['an over-long quote', { ...valid, findings: [{ ruleId: 'x', type: 'investment', quotes: ['x'.repeat(MAX_QUOTE_LENGTH + 1)] }] }],
    [
      'too many quotes',
      { ...valid, findings: [{ ruleId: 'x', type: 'investment', quotes: Array(MAX_QUOTES_PER_FINDING + 1).fill('q') }] },
    ],
  ])('rejects %s', (_name, message) => {
    expect(isContentToBackgroundMessage(message)).toBe(false);
  });
});

function finding(ruleId: string, quotes: string[]): Finding {
  return {
    ruleId,
    type: 'investment',
    cue: 'returns',
    weight: 3,
    matches: quotes.map((quote, i) => ({ field: 'text', start: i * 10, end: i * 10 + quote.length, quote })),
    explanationKey: `rule_${ruleId}`,
    source: 'seed.txt',
  };
}

function result(findings: Finding[]): AnalyzeResult {
  return {
    level: 'danger',
    scores: { investment: 9, romance: 0, recruitment: 0 },
    topType: 'investment',
    findings,
    signals: [],
    aboutFraud: false,
  };
}

describe('summarizeResult', () => {
  test('keeps the level, rule ids and quotes, and nothing else', () => {
    const message = summarizeResult(result([finding('a', ['稳赚不赔', '日收益8%'])]), 'scam.example', '/app123');
    expect(message).toEqual({
      kind: 'cs-bg-page-result',
      level: 'danger',
      findings: [{ ruleId: 'a', type: 'investment', quotes: ['稳赚不赔', '日收益8%'] }],
      host: 'scam.example',
      path: '/app123',
    });
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });

  test('duplicate quotes are sent once, whitespace collapsed', () => {
    const message = summarizeResult(result([finding('a', ['VIP  group', 'VIP\ngroup', 'VIP group'])]), 'x.example');
    expect(message.findings[0]!.quotes).toEqual(['VIP group']);
  });

  test('a claim carries its explanation filled in (the popup cannot rebuild it); a rule only when _locales lacks it', () => {
    const claim: Finding = { ...finding('claim-return-extreme', ['13% daily for 9 days']), explanationKey: 'claim_return', explanationArgs: ['13% daily for 9 days', '4,000'] };
    const t = (name: string, args?: string[]): string => (name === 'claim_return' ? `It promises “${args?.[0]}”: over ${args?.[1]}% a year.` : '');
    const explainNew = (id: string): string => (id === 'feed-rule' ? 'Feed says why.' : '');
    const message = summarizeResult(result([claim, finding('a', ['x']), finding('feed-rule', ['y'])]), 'x.example', '/', { t, explainNew });
    expect(message.findings.map((f) => f.explanation)).toEqual(['It promises “13% daily for 9 days”: over 4,000% a year.', undefined, 'Feed says why.']);
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });

  test('a claim\'s explanation is clipped to what the background accepts', () => {
    const claim: Finding = { ...finding('claim-return-extreme', ['q']), explanationKey: 'claim_return', explanationArgs: ['y'.repeat(5000), '1'] };
    const message = summarizeResult(result([claim]), 'x.example', '/', { t: (_name, args) => `“${args?.[0]}”` });
    expect(message.findings[0]!.explanation!.length).toBe(MAX_EXPLANATION_LENGTH);
    expect(message.findings[0]!.explanation!.endsWith('…')).toBe(true);
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });

  test('long quotes are clipped and the count bounded, so the message stays valid', () => {
    const long = 'x'.repeat(500);
    const many = Array.from({ length: 20 }, (_, i) => `quote ${i}`);
    const message = summarizeResult(result([finding('a', [long, ...many])]), 'x.example');
    const quotes = message.findings[0]!.quotes;
    expect(quotes.length).toBe(MAX_QUOTES_PER_FINDING);
    expect(quotes[0]!.length).toBe(MAX_QUOTE_LENGTH);
    expect(quotes[0]!.endsWith('…')).toBe(true);
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });
});

describe('contentSender', () => {
  const own = 'abcdefghijklmnopabcdefghijklmnop';
  const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

  test('our content script in a tab', () => {
    expect(contentSender({ id: own, tab, frameId: 0, url: 'https://a.example/x' }, own)).toEqual({ tabId: 7, frameId: 0, url: 'https://a.example/x' });
    expect(contentSender({ id: own, tab, frameId: 3 }, own)).toEqual({ tabId: 7, frameId: 3, url: '' });
  });

  test.each<[string, Runtime.MessageSender]>([
    ['another extension', { id: 'ponmlkjihgfedcbaponmlkjihgfedcba', tab, frameId: 0 }],
    ['no extension id', { tab, frameId: 0 }],
    ['an extension page without a tab', { id: own }],
    ['a tab without an id', { id: own, tab: { ...tab, id: undefined } }],
    ['the "no tab" id -1', { id: own, tab: { ...tab, id: -1 } }],
  ])('rejects %s', (_name, sender) => {
    expect(contentSender(sender, own)).toBeNull();
  });
});
