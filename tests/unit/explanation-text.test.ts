// Explanations in words (src/shared/explanation-text.ts): Chrome's i18n substitution rebuilt for
// the CLI and the tests, and a claim's explanation with its quote and arithmetic filled in, in
// each locale, including a claim that leaves an argument empty.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine/index';
import { bundledRules } from '../../scripts/lib/bundled-rules';
import { explainedInLocales, explanationText, fillMessage, translateFrom, type MessageEntry } from '../../src/shared/explanation-text';

const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
const messages = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(`assets/_locales/${l}/messages.json`, 'utf8')) as Record<string, MessageEntry>]),
) as Record<(typeof LOCALES)[number], Record<string, MessageEntry>>;

describe('fillMessage (as browser.i18n.getMessage fills a message)', () => {
  const entry: MessageEntry = { message: 'It promises “$Quote$”, over $YEARLY$% a year; costs $$5.', placeholders: { quote: { content: '$1' }, yearly: { content: '$2' } } };

  test('named placeholders take their substitution, names in any case; $$ is a dollar sign', () => {
    expect(fillMessage(entry, ['13% daily', '4,000'])).toBe('It promises “13% daily”, over 4,000% a year; costs $5.');
  });

  test('a missing substitution is empty; an unknown $NAME$ stays as written', () => {
    expect(fillMessage(entry, ['x'])).toBe('It promises “x”, over % a year; costs $5.');
    expect(fillMessage({ message: 'A $NOPE$ here' })).toBe('A $NOPE$ here');
  });

  test('substituted text is not read for placeholders again (a quote of "$1" or "$$" stays)', () => {
    expect(fillMessage(entry, ['$2 and $$', '7'])).toBe('It promises “$2 and $$”, over 7% a year; costs $5.');
  });

  test('translateFrom gives \'\' for an unknown name, as getMessage does', () => {
    expect(translateFrom(messages.en)('no_such_message')).toBe('');
  });
});

describe('explanationText', () => {
  const compiled = compileRules(bundledRules());
  const plans = 'Plan A: 2% daily for 30 days. Plan B: 5% daily for 20 days. Plan C: 10% daily for 10 days.';

  test.each(LOCALES)('%s: a promised return is quoted and its yearly equivalent stated', (locale) => {
    const result = analyze({ text: 'Invest now: 13% daily for 9 days.' }, compiled);
    const claim = result.findings.find((f) => f.ruleId === 'claim-return-extreme');
    expect(claim?.explanationArgs).toEqual(['13% daily for 9 days', '4,000']);
    const text = explanationText(claim!, translateFrom(messages[locale]));
    expect(text).toContain('13% daily for 9 days');
    expect(text).toContain('4,000%');
    expect(text).not.toContain('$');
  });

  test.each(LOCALES)('%s: a plans table without a minimum deposit reads without empty brackets', (locale) => {
    const claim = analyze({ text: plans }, compiled).findings.find((f) => f.ruleId === 'claim-plans');
    expect(claim?.explanationArgs?.[1]).toBe('');
    const text = explanationText(claim!, translateFrom(messages[locale]));
    expect(text).toContain(claim!.explanationArgs![0]);
    expect(text).not.toMatch(/[(（]\s*[“「]\s*[”」]\s*[)）]/);
    expect(text).not.toMatch(/\s[.。]/);
  });

  test('a plans table with a minimum deposit quotes it too', () => {
    const claim = analyze({ text: `${plans} Min $10 - max $5,000.` }, compiled).findings.find((f) => f.ruleId === 'claim-plans');
    expect(claim?.explanationArgs?.[1]).toMatch(/\$10/);
    expect(explanationText(claim!, translateFrom(messages.en))).toContain(`(“${claim!.explanationArgs![1]}”)`);
  });

  test('only claims are explained from _locales: no rule has a message there (rules explain themselves)', () => {
    for (const locale of ['en', 'zh_CN', 'zh_TW'] as const) {
      expect(Object.keys(messages[locale]).filter((k) => k.startsWith('rule_'))).toEqual([]);
      expect(explanationText({ explanationKey: 'rule_inv_returns_zh' }, translateFrom(messages[locale]))).toBe('');
    }
  });
});

describe('explainedInLocales', () => {
  test.each(LOCALES)('%s: the learned model\'s finding is explained from _locales, a rule\'s is not', (locale) => {
    const model = { explanationKey: 'model_recruitment' };
    expect(explainedInLocales(model)).toBe(true);
    expect(explanationText(model, translateFrom(messages[locale]))).toMatch(/\S{10}/);
    expect(explainedInLocales({ explanationKey: 'rule_inv_mentor_zh' })).toBe(false);
    expect(explainedInLocales({ explanationKey: 'claim_pay_high' })).toBe(true);
  });
});
