// The content → background message: its shape check, the summary that keeps page text out of
// it, and the sender check that keeps other extensions and frames from setting a tab's badge.
import { describe, expect, test } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { contentSender } from '../../src/background/content-sender';
import type { AnalyzeResult, Finding } from '../../src/engine/types';
import {
  isContentToBackgroundMessage,
  MAX_ANALYZE_TEXT,
  MAX_ANALYZE_TITLE,
  parseAnalyzeReply,
  parsePageResultResponse,
  MAX_EXPLANATION_LENGTH,
  MAX_QUOTE_LENGTH,
  MAX_QUOTES_PER_FINDING,
} from '../../src/shared/messages';
import { summarizeResult } from '../../src/content/summarize-result';

const valid = {
  kind: 'cs-bg-page-result',
  level: 'caution',
  findings: [{ ruleId: 'inv-returns-zh', type: 'investment', quotes: ['稳赚不赔'] }],
};

describe('isContentToBackgroundMessage', () => {
  test.each([
    [{ kind: 'cs-bg-acknowledge', level: 'caution' }, true],
    [{ kind: 'cs-bg-acknowledge', level: 'danger' }, true],
    // A host in the message is ignored (the background reads the sender's), not a reason to refuse.
    [{ kind: 'cs-bg-acknowledge', host: 'bank.example', level: 'danger' }, true],
    [{ kind: 'cs-bg-acknowledge', level: 'none' }, false],
    [{ kind: 'cs-bg-acknowledge' }, false],
    [{ kind: 'cs-bg-request-trust' }, true],
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
    ['an over-long explanation', { ...valid, findings: [{ ruleId: 'x', type: 'investment', quotes: [], explanation: 'x'.repeat(2001) }] }],
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
    const message = summarizeResult(result([finding('a', ['稳赚不赔', '日收益8%'])]));
    expect(message).toEqual({
      kind: 'cs-bg-page-result',
      level: 'danger',
      findings: [{ ruleId: 'a', type: 'investment', quotes: ['稳赚不赔', '日收益8%'] }],
    });
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });

  test('duplicate quotes are sent once, whitespace collapsed', () => {
    const message = summarizeResult(result([finding('a', ['VIP  group', 'VIP\ngroup', 'VIP group'])]));
    expect(message.findings[0]!.quotes).toEqual(['VIP group']);
  });

  test('each finding carries its explanation: a claim\'s filled in from _locales, a rule\'s own text (bundled or feed alike)', () => {
    const claim: Finding = { ...finding('claim-return-extreme', ['13% daily for 9 days']), explanationKey: 'claim_return', explanationArgs: ['13% daily for 9 days', '4,000'] };
    const t = (name: string, args?: string[]): string => (name === 'claim_return' ? `It promises “${args?.[0]}”: over ${args?.[1]}% a year.` : '');
    const explainRule = (id: string): string => ({ a: 'A bundled rule says why.', 'feed-rule': 'Feed says why.' })[id] ?? '';
    const message = summarizeResult(result([claim, finding('a', ['x']), finding('feed-rule', ['y']), finding('unknown', ['z'])]), { t, explainRule });
    expect(message.findings.map((f) => f.explanation)).toEqual(['It promises “13% daily for 9 days”: over 4,000% a year.', 'A bundled rule says why.', 'Feed says why.', undefined]);
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });

  test('a claim\'s explanation is clipped to what the background accepts', () => {
    const claim: Finding = { ...finding('claim-return-extreme', ['q']), explanationKey: 'claim_return', explanationArgs: ['y'.repeat(5000), '1'] };
    const message = summarizeResult(result([claim]), { t: (_name, args) => `“${args?.[0]}”` });
    expect(message.findings[0]!.explanation!.length).toBe(MAX_EXPLANATION_LENGTH);
    expect(message.findings[0]!.explanation!.endsWith('…')).toBe(true);
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });

  test('long quotes are clipped and the count bounded, so the message stays valid', () => {
    const long = 'x'.repeat(500);
    const many = Array.from({ length: 20 }, (_, i) => `quote ${i}`);
    const message = summarizeResult(result([finding('a', [long, ...many])]));
    const quotes = message.findings[0]!.quotes;
    expect(quotes.length).toBe(MAX_QUOTES_PER_FINDING);
    expect(quotes[0]!.length).toBe(MAX_QUOTE_LENGTH);
    expect(quotes[0]!.endsWith('…')).toBe(true);
    expect(isContentToBackgroundMessage(message)).toBe(true);
  });
});

describe('parsePageResultResponse', () => {
  test.each<[string, unknown, unknown]>([
    ['an answer', { acknowledged: 'caution', listed: { listId: 'gaso' } }, { acknowledged: 'caution', listed: { listId: 'gaso' } }],
    ['no answer (a worker being updated)', undefined, { acknowledged: 'none', listed: null }],
    ['an unknown level', { acknowledged: 'severe', listed: null }, { acknowledged: 'none', listed: null }],
    ['a malformed list id', { acknowledged: 'none', listed: { listId: '<b>' } }, { acknowledged: 'none', listed: null }],
    ['extra fields are dropped', { acknowledged: 'danger', listed: { listId: 'polkadot', extra: 1 }, more: true }, { acknowledged: 'danger', listed: { listId: 'polkadot' } }],
  ])('%s', (_name, reply, parsed) => {
    expect(parsePageResultResponse(reply)).toEqual(parsed);
  });
});

describe('contentSender', () => {
  const own = 'abcdefghijklmnopabcdefghijklmnop';
  const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
  const url = 'https://scam.example/app123?ref=1';

  test('our content script in a tab, with the page address the browser reports', () => {
    expect(contentSender({ id: own, tab, frameId: 0, url }, own)).toEqual({ tabId: 7, frameId: 0, host: 'scam.example', path: '/app123', url });
    expect(contentSender({ id: own, tab, frameId: 3, url: 'http://frame.example/' }, own)).toEqual({ tabId: 7, frameId: 3, host: 'frame.example', path: '/', url: 'http://frame.example/' });
  });

  test('the top frame falls back on the tab\'s URL; a sub-frame never does', () => {
    expect(contentSender({ id: own, tab: { ...tab, url }, frameId: 0 }, own)).toMatchObject({ host: 'scam.example' });
    expect(contentSender({ id: own, tab: { ...tab, url }, frameId: 2 }, own)).toBeNull();
  });

  test.each<[string, Runtime.MessageSender]>([
    ['another extension', { id: 'ponmlkjihgfedcbaponmlkjihgfedcba', tab, frameId: 0, url }],
    ['no extension id', { tab, frameId: 0, url }],
    ['an extension page without a tab', { id: own, url: 'chrome-extension://abc/popup.html' }],
    ['a tab without an id', { id: own, tab: { ...tab, id: undefined }, url }],
    ['the "no tab" id -1', { id: own, tab: { ...tab, id: -1 }, url }],
    ['no address', { id: own, tab, frameId: 0 }],
    ['a page that is not http(s)', { id: own, tab, frameId: 0, url: 'file:///home/me/page.html' }],
  ])('rejects %s', (_name, sender) => {
    expect(contentSender(sender, own)).toBeNull();
  });
});

describe('the text sent to be scored (cs-bg-analyze, issue 11)', () => {
  const context = { sensitivity: 'standard', signals: { bankCardForm: true, messengerLinks: ['telegram'] } };
  test.each<[string, unknown, boolean]>([
    ['text and title', { kind: 'cs-bg-analyze', text: '稳赚不赔', title: '' }, true],
    ['with its context', { kind: 'cs-bg-analyze', text: 'x', title: 't', context }, true],
    ['the longest chunk', { kind: 'cs-bg-analyze', text: 'x'.repeat(MAX_ANALYZE_TEXT), title: 'x'.repeat(MAX_ANALYZE_TITLE) }, true],
    ['a longer text', { kind: 'cs-bg-analyze', text: 'x'.repeat(MAX_ANALYZE_TEXT + 1), title: '' }, false],
    ['a longer title', { kind: 'cs-bg-analyze', text: '', title: 'x'.repeat(MAX_ANALYZE_TITLE + 1) }, false],
    ['no title', { kind: 'cs-bg-analyze', text: 'x' }, false],
    ['text not a string', { kind: 'cs-bg-analyze', text: ['x'], title: '' }, false],
    ['an unknown sensitivity', { kind: 'cs-bg-analyze', text: 'x', title: '', context: { ...context, sensitivity: 'max' } }, false],
    ['no signals', { kind: 'cs-bg-analyze', text: 'x', title: '', context: { sensitivity: 'strict' } }, false],
    ['a signal not a boolean', { kind: 'cs-bg-analyze', text: 'x', title: '', context: { ...context, signals: { apkDownload: 'yes' } } }, false],
    ['too many messenger links', { kind: 'cs-bg-analyze', text: 'x', title: '', context: { ...context, signals: { messengerLinks: Array(17).fill('qq') } } }, false],
  ])('%s', (_name, message, ok) => {
    expect(isContentToBackgroundMessage(message)).toBe(ok);
  });

  const sent = { text: '稳赚不赔，只需解冻费。', title: 'T' };
  const finding = { ruleId: 'returns', type: 'investment', cue: 'returns', weight: 3, matches: [{ field: 'text', start: 0, end: 4, quote: '稳赚不赔' }], explanationKey: 'rule_returns', source: 'test' };
  const result = { level: 'caution', scores: { investment: 3, romance: 0, recruitment: 0 }, topType: 'investment', findings: [finding], signals: [{ signal: 'bankCardForm', weight: 2 }], aboutFraud: false, passage: { start: 0, end: 11 } };
  const explanations = { returns: { en: 'e', zh_CN: 'z', zh_TW: 't' } };

  test('an answer is read back whole', () => {
    expect(parseAnalyzeReply({ verdict: 'clear' }, sent)).toEqual({ verdict: 'clear' });
    expect(parseAnalyzeReply({ verdict: 'reason' }, sent)).toEqual({ verdict: 'reason' });
    expect(parseAnalyzeReply({ verdict: 'result', result, explanations }, sent)).toEqual({ verdict: 'result', result, explanations });
  });

  test('explanations of rules that did not fire are dropped', () => {
    const reply = parseAnalyzeReply({ verdict: 'result', result, explanations: { ...explanations, other: { en: 'o', zh_CN: 'o', zh_TW: 'o' } } }, sent);
    expect(reply.verdict === 'result' && Object.keys(reply.explanations)).toEqual(['returns']);
  });

  test.each<[string, unknown]>([
    ['nothing', undefined],
    ['an unknown verdict', { verdict: 'maybe' }],
    ['a result without explanations', { verdict: 'result', result }],
    ['a match beyond the text sent', { verdict: 'result', explanations, result: { ...result, findings: [{ ...finding, matches: [{ field: 'text', start: 0, end: 99, quote: 'x' }] }] } }],
    ['a match beyond the title', { verdict: 'result', explanations, result: { ...result, findings: [{ ...finding, matches: [{ field: 'title', start: 0, end: 2, quote: 'x' }] }] } }],
    ['a match ending before it starts', { verdict: 'result', explanations, result: { ...result, findings: [{ ...finding, matches: [{ field: 'text', start: 3, end: 2, quote: '' }] }] } }],
    ['an unknown level', { verdict: 'result', explanations, result: { ...result, level: 'doom' } }],
    ['a score not a number', { verdict: 'result', explanations, result: { ...result, scores: { investment: '3', romance: 0, recruitment: 0 } } }],
    ['a passage beyond the text', { verdict: 'result', explanations, result: { ...result, passage: { start: 0, end: 1e6 } } }],
    ['an unknown signal', { verdict: 'result', explanations, result: { ...result, signals: [{ signal: 'cookies', weight: 1 }] } }],
    ['too many findings', { verdict: 'result', explanations, result: { ...result, findings: Array(2001).fill(finding) } }],
    ['an explanation not text', { verdict: 'result', explanations: { returns: { en: 1 } }, result }],
  ])('an answer with %s is refused', (_name, reply) => {
    expect(() => parseAnalyzeReply(reply, sent)).toThrow();
  });
});
