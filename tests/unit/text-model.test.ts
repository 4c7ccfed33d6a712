// The learned second opinion (src/engine/text-model.ts): the stored weights are checked before use,
// the features are those training used, every stretch it reports lies inside the text, it never
// warns on its own, and the model in the repository is what the training data gives.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules } from '../../src/engine';
import { normalizeText } from '../../src/engine/normalize-text';
import {
  classify,
  forEachFeature,
  MIN_FEATURES,
  MODEL_CLASSES,
  MODEL_FORMAT,
  MODEL_ALONE_WEIGHT,
  MODEL_WEIGHT,
  modelHits,
  NOTICE_WEIGHT,
  parseTextModel,
  STRETCH,
  TextModelError,
  type TextModel,
  type TextModelFile,
} from '../../src/engine/text-model';
import type { Rule } from '../../src/engine/types';
import { THRESHOLDS } from '../../src/engine/score-findings';
import { MODEL_FILE } from '../../scripts/lib/load-text-model';
import { bundledRules } from '../../scripts/lib/bundled-rules';
import { samplesOf, toModelFile, train } from '../../scripts/lib/train-text-model';
import { main as trainMain } from '../../scripts/train-model';
import { runMain } from '../../scripts/lib/run-main';

const BITS = 10;

/** A model that reads every feature as `cls` (weights of one class only); by default never sure enough to warn alone. */
function leaningModel(cls: number, threshold = 0.8, aloneThreshold = 1.01): TextModel {
  const weights = new Int8Array((1 << BITS) * MODEL_CLASSES.length);
  for (let b = 0; b < 1 << BITS; b++) weights[b * MODEL_CLASSES.length + cls] = 127;
  return { format: MODEL_FORMAT, bits: BITS, weights, scale: 0.1, bias: new Float64Array(MODEL_CLASSES.length), threshold, noticeThreshold: threshold, aloneThreshold };
}

function fileOf(overrides: Partial<TextModelFile> = {}): TextModelFile {
  return {
    format: MODEL_FORMAT,
    bits: BITS,
    scale: 0.01,
    bias: MODEL_CLASSES.map(() => 0),
    threshold: 0.8,
    noticeThreshold: 0.8,
    weights: Buffer.alloc((1 << BITS) * MODEL_CLASSES.length).toString('base64'),
    ...overrides,
  };
}

describe('the stored model is checked', () => {
  test('a valid file parses', () => {
    const m = parseTextModel(fileOf());
    expect(m.weights.length).toBe((1 << BITS) * MODEL_CLASSES.length);
  });
  test.each([
    ['not an object', 'x'],
    ['another format', fileOf({ format: MODEL_FORMAT + 1 })],
    ['bits out of range', fileOf({ bits: 40 })],
    ['a scale of zero', fileOf({ scale: 0 })],
    ['a threshold of 1', fileOf({ threshold: 1 })],
    ['three biases', fileOf({ bias: [0, 0, 0] })],
    ['a bias that is not a number', fileOf({ bias: [0, 0, 0, 0, Number.NaN] })],
    ['no notice threshold', fileOf({ noticeThreshold: undefined })],
    ['a notice threshold of 1', fileOf({ noticeThreshold: 1 })],
    ['weights of the wrong size', fileOf({ weights: Buffer.alloc(12).toString('base64') })],
    ['weights that are not base64', fileOf({ weights: '!!!' })],
  ])('%s is refused', (_name, file) => {
    expect(() => parseTextModel(file)).toThrow(TextModelError);
  });
  test('the model in the repository parses', () => {
    const m = parseTextModel(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
    expect(m.threshold).toBeGreaterThan(0.5);
  });
});

describe('features', () => {
  const features = (text: string): number[] => {
    const codes = normalizeText(text).codes;
    const out: number[] = [];
    forEachFeature(codes, 0, codes.length, 16, (b) => out.push(b));
    return out;
  };
  test('Chinese: each character and each pair; English: each word and each pair', () => {
    expect(features('充值提现')).toHaveLength(4 + 3);
    expect(features('send the money')).toHaveLength(3 + 2);
  });
  test('digits are read as 0, so amounts of the same shape are one word', () => {
    expect(features('pay $500 now')).toEqual(features('pay $800 now'));
  });
  test('punctuation parts two words', () => {
    expect(features('money. now')).toHaveLength(2);
  });
  test('Traditional and Simplified give the same features (the text is normalised first)', () => {
    expect(features('儲值獲利')).toEqual(features('储值获利'));
  });
});

describe('stretches', () => {
  const codes = (text: string): Uint16Array => normalizeText(text).codes;
  test('probabilities add up to 1', () => {
    const p = new Float64Array(MODEL_CLASSES.length);
    classify(leaningModel(1), codes('先充值再提现，每天都有收益'), 0, 10, p);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p[1]).toBeGreaterThan(0.9);
  });
  test('too few features: no judgement', () => {
    expect(modelHits(leaningModel(1), codes('充值'))).toEqual([]);
  });
  test('a long text is read in overlapping stretches that stay inside it', () => {
    const text = '今天老师带大家充值，明天收益翻倍。'.repeat(200);
    const c = codes(text);
    const hits = modelHits(leaningModel(1), c);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.type).toBe('investment');
    for (const [s, e] of hits[0]!.spans) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(c.length);
      expect(e - s).toBeLessThanOrEqual(STRETCH);
    }
    expect(hits[0]!.spans.at(-1)![1]).toBe(c.length);
  });
  test('benign is never reported', () => {
    expect(modelHits(leaningModel(0), codes('今天天气很好，我们一起去公园散步，然后吃午饭。'.repeat(5)))).toEqual([]);
  });
  test('property: never throws, spans inside the text', () => {
    const model = leaningModel(2, 0.3);
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        const c = codes(text);
        for (const h of modelHits(model, c)) for (const [s, e] of h.spans) expect(s >= 0 && e <= c.length && s < e).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('in analyze()', () => {
  const rule = (weight: number): Rule => ({
    id: 'test-topup',
    type: 'investment',
    cue: 'pay-in',
    lang: 'zh',
    weight,
    source: 'test',
    patterns: { phrases: ['充值'] },
    explanation: { en: 'x', zh_CN: 'x', zh_TW: 'x' },
    examples: { scam: [], benign: [] },
  });
  const text = '老师说今天这只票一定涨，大家赶紧去平台充值，收益每天结算，跟着老师走就对了。名额有限，先到先得。';
  test('its ordinary reading never warns alone: its weight is below every "warns alone"; beside a weak cue it stays quiet at standard', () => {
    const compiled = compileRules([rule(1)]);
    // (At strict, caution needs 3 points from two cues: a weight-1 cue and the model's 2 reach it.)
    for (const sensitivity of ['relaxed', 'standard'] as const) {
      const r = analyze({ text }, compiled, { model: leaningModel(1), sensitivity });
      expect(r.findings.some((f) => f.ruleId === 'model-investment')).toBe(true);
      expect(r.level).toBe('none');
    }
    expect(MODEL_WEIGHT).toBeLessThan(Math.min(...Object.values(THRESHOLDS).map((t) => t.cautionAlone)));
  });
  test('it reads every stretch; its ordinary reading, far from any cue of the rules, warns nobody', () => {
    const compiled = compileRules([rule(2)]);
    const far = `${'今天天气很好，我们一起去公园散步。'.repeat(200)}老师说跟着操作，收益每天结算，名额有限，先到先得。`;
    const r = analyze({ text: far }, compiled, { model: leaningModel(1) });
    expect(r.findings.find((f) => f.ruleId === 'model-investment')).toMatchObject({ weight: MODEL_WEIGHT });
    expect(r.level).toBe('none');
  });
  test('a near-certain reading of an investment or job scam warns alone, with its own explanation; romance never does', () => {
    const compiled = compileRules([rule(2)]);
    const plain = '老师说跟着操作，收益每天结算，名额有限，先到先得，大家抓紧时间，机会难得。';
    for (const [cls, type] of [[1, 'investment'], [2, 'recruitment']] as const) {
      const r = analyze({ text: plain }, compiled, { model: leaningModel(cls, 0.8, 0.995) });
      expect(r.findings.find((f) => f.ruleId === `model-${type}-strong`)).toMatchObject({ type, cue: 'model', weight: MODEL_ALONE_WEIGHT, explanationKey: `model_${type}_strong` });
      expect(r.level).toBe('caution');
      // Below its threshold the same reading is the ordinary cue.
      expect(analyze({ text: plain }, compiled, { model: leaningModel(cls, 0.8, 1.01) }).level).toBe('none');
    }
    const romance = analyze({ text: plain }, compiled, { model: leaningModel(3, 0.8, 0.995) });
    expect(romance.findings.find((f) => f.ruleId === 'model-romance')).toMatchObject({ weight: MODEL_WEIGHT });
    expect(romance.findings.some((f) => f.ruleId.endsWith('-strong'))).toBe(false);
    expect(romance.level).toBe('none');
    expect(MODEL_ALONE_WEIGHT).toBeGreaterThanOrEqual(THRESHOLDS.standard.cautionAlone);
  });
  test('beside a cue of the rules it adds its weight, with its own explanation', () => {
    const compiled = compileRules([rule(2)]);
    expect(analyze({ text }, compiled).level).toBe('none');
    const r = analyze({ text }, compiled, { model: leaningModel(1) });
    expect(r.level).toBe('caution');
    const f = r.findings.find((x) => x.ruleId === 'model-investment')!;
    expect(f).toMatchObject({ type: 'investment', cue: 'model', weight: MODEL_WEIGHT, explanationKey: 'model_investment' });
  });
  test('a stretch read as a notice is context: it never adds to a scam type, and it silences only beside a context cue of the rules (standard, strict)', () => {
    const context: Rule = { ...rule(1), id: 'test-police', type: 'context', cue: 'police', patterns: { phrases: ['民警'] } };
    const compiled = compileRules([rule(5), context]);
    const notice = `民警提醒：${text}`;
    expect(analyze({ text: notice }, compiled).level).toBe('caution');
    const r = analyze({ text: notice }, compiled, { model: leaningModel(4) });
    expect(r.findings.find((x) => x.ruleId === 'model-notice')).toMatchObject({ type: 'context', cue: 'model-notice', weight: NOTICE_WEIGHT });
    expect(r.level).toBe('none');
    expect(r.scores.investment).toBe(analyze({ text: notice }, compiled).scores.investment);
    // Without the rules' context cue the notice class alone does not silence a scam at standard or strict.
    const alone = analyze({ text }, compileRules([rule(5)]), { model: leaningModel(4) });
    expect(alone.findings.some((x) => x.ruleId === 'model-notice')).toBe(true);
    expect(alone.level).toBe('caution');
    expect(NOTICE_WEIGHT).toBeLessThan(Math.min(THRESHOLDS.standard.aboutFraud, THRESHOLDS.strict.aboutFraud));
  });
  test('every type it can report has an explanation in every locale', () => {
    for (const locale of ['en', 'zh_CN', 'zh_TW']) {
      const messages = JSON.parse(readFileSync(new URL(`../../assets/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
      for (const type of MODEL_CLASSES.slice(1)) expect(messages[`model_${type}`]?.message, `${locale} model_${type}`).toBeTruthy();
      for (const type of ['investment', 'recruitment']) expect(messages[`model_${type}_strong`]?.message, `${locale} model_${type}_strong`).toBeTruthy();
    }
  });
});

describe('the model in the repository', () => {
  test('lifts the e2e fixture\'s one-cue pitch to a caution, which the rules alone leave quiet (tests/e2e/popup.spec.ts)', () => {
    const html = readFileSync(new URL('../fixtures/model-pitch-zh.html', import.meta.url), 'utf8');
    const text = /<p>([^<]+)<\/p>/.exec(html)![1]!;
    const compiled = compileRules(bundledRules());
    expect(analyze({ text }, compiled).level).toBe('none');
    const r = analyze({ text }, compiled, { model: parseTextModel(JSON.parse(readFileSync(MODEL_FILE, 'utf8'))) });
    expect(r.level).toBe('caution');
    expect(r.findings.some((f) => f.ruleId === 'model-investment')).toBe(true);
  });
});

describe('training', () => {
  test('a model trained on a few texts tells them apart, and its stored form reads back', () => {
    const texts = [
      ...['先充值再提现，老师带你每天收益百分之五', '平台充值送体验金，日收益稳定', '跟着老师买，保证翻倍，充值越多赚越多'].map((text) => ({ label: 'investment' as const, text, origin: 't' })),
      ...['今天股市收盘上涨百分之一，成交量放大', '银行定期存款利率下调，储户关注', '公司公布季度财报，营收同比增长'].map((text) => ({ label: 'benign' as const, text, origin: 't' })),
    ];
    const o = { bits: 12, epochs: 30, rate: 0.5, l2: 1e-6, seed: 1, runs: 2 };
    const samples = texts.flatMap((t) => samplesOf(t, o.bits));
    const model = parseTextModel(toModelFile(train(samples, o), o.bits, 0.6, 0.6, null));
    const p = new Float64Array(MODEL_CLASSES.length);
    const c = normalizeText('先充值，老师带你每天收益翻倍').codes;
    expect(classify(model, c, 0, c.length, p)).toBeGreaterThanOrEqual(MIN_FEATURES);
    expect(p[1]).toBeGreaterThan(p[0]!);
  });
  test('the model in the repository is what the training data gives (npm run train -- --check)', async () => {
    const r = await runMain(trainMain, ['--check']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('is what the training data gives');
  }, 120_000);
});
