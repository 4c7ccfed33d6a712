// The background scores page text (issue 11, src/background/answer-analyze.ts): for every rule
// example of the bundled rules, the answer the content script reads back (through the message
// channel's copy and parseAnalyzeReply) is exactly analyze()'s result on the same text, at every
// sensitivity; and text the prefilter clears is text analyze() finds nothing in.
import { describe, expect, test } from 'vitest';
import { analyze, compileRules, type Sensitivity } from '../../src/engine/index';
import { createPrefilter, derivePrefilter } from '../../src/engine/prefilter';
import { answerAnalyze, warmUpAnalyzer, warmUpPrefilter, type RulesForPages } from '../../src/background/answer-analyze';
import { parseAnalyzeReply, type AnalyzeTextMessage } from '../../src/shared/messages';
import { explainedInLocales } from '../../src/shared/explanation-text';
import { bundledRules } from '../../scripts/lib/bundled-rules';
import { loadRuleSourcesWithFiles } from '../../scripts/lib/load-rule-sources';
import { loadTextModel } from '../../scripts/lib/load-text-model';

const sources = bundledRules();
const compiled = compileRules(sources);
const rules: RulesForPages = { prefilter: createPrefilter(derivePrefilter(compiled)), full: async () => compiled };
// The bundled rules carry no examples (they are for the tests): the rule sources' are read.
const texts = loadRuleSourcesWithFiles().flatMap(({ rule }) => [...rule.examples.scam, ...rule.examples.benign]);
const signals = { bankCardForm: true, messengerLinks: ['telegram'] };

/** As the content script reads it: a structured copy, checked. */
async function ask(message: AnalyzeTextMessage) {
  return parseAnalyzeReply(structuredClone(await answerAnalyze(message, rules)), message);
}

describe('answerAnalyze', () => {
  test.each<Sensitivity>(['relaxed', 'standard', 'strict'])('gives analyze()\'s own result for every rule example (%s)', async (sensitivity) => {
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      const reply = await ask({ kind: 'cs-bg-analyze', text, title: 'Page', context: { sensitivity, signals } });
      expect(reply.verdict).toBe('result');
      if (reply.verdict === 'result') expect(reply.result).toEqual(analyze({ text, title: 'Page', signals }, compiled, { sensitivity }));
    }
  });

  test('text it clears without its context is text analyze() finds nothing to warn of', async () => {
    let cleared = 0;
    for (const text of [...texts, 'Opening hours and a map to our shop.', '今天天气不错，商店照常营业。']) {
      const reply = await ask({ kind: 'cs-bg-analyze', text, title: '' });
      if (reply.verdict === 'clear') {
        cleared++;
        expect(analyze({ text, title: '', signals }, compiled, { sensitivity: 'strict' }).level, text).toBe('none');
      } else expect(reply.verdict).toBe('reason');
    }
    expect(cleared).toBeGreaterThan(0);
  });

  test('the first stage\'s raw text, split into text nodes anywhere, gives a reason wherever the whole text does', async () => {
    // Markup may split a phrase anywhere ("<b>dai</b>ly"): the background reads the nodes joined with nothing too.
    let reasons = 0;
    for (const text of texts) {
      const whole = await ask({ kind: 'cs-bg-analyze', text, title: '' });
      if (whole.verdict !== 'reason') continue;
      reasons++;
      const nodes = text.replace(/(.{1,5})/gsu, '$1\u0000');
      expect((await ask({ kind: 'cs-bg-analyze', text: nodes, title: '', firstStage: 'page' })).verdict, text).toBe('reason');
    }
    expect(reasons).toBeGreaterThan(100);
    expect((await ask({ kind: 'cs-bg-analyze', text: 'Opening hours\u0000and a map.\u0000', title: '', firstStage: 'added' })).verdict).toBe('clear');
  });

  test('with the learned model, the result is analyze()\'s with the model, and a model that cannot be had leaves the rules to score', async () => {
    const model = loadTextModel();
    const withModel: RulesForPages = { ...rules, model: async () => model };
    const broken: RulesForPages = { ...rules, model: async () => { throw new Error('no file'); } };
    let modelFindings = 0;
    for (const text of texts.slice(0, 400)) {
      const message: AnalyzeTextMessage = { kind: 'cs-bg-analyze', text, title: '', context: { sensitivity: 'standard', signals: {} } };
      const reply = parseAnalyzeReply(structuredClone(await answerAnalyze(message, withModel)), message);
      if (reply.verdict !== 'result') throw new Error('no result');
      const expected = analyze({ text, title: '', signals: {} }, compiled, { sensitivity: 'standard', model });
      expect(reply.result).toEqual(expected);
      modelFindings += expected.findings.filter((f) => f.cue === 'model').length;
      const alone = parseAnalyzeReply(structuredClone(await answerAnalyze(message, broken)), message);
      if (alone.verdict === 'result') expect(alone.result).toEqual(analyze({ text, title: '', signals: {} }, compiled, { sensitivity: 'standard' }));
    }
    expect(modelFindings).toBeGreaterThan(0);
  });

  test('explains each rule that fired in the three languages', async () => {
    const reply = await ask({ kind: 'cs-bg-analyze', text: texts.join('\n'), title: '', context: { sensitivity: 'strict', signals: {} } });
    if (reply.verdict === 'result') expect(reply.result.findings.length).toBeGreaterThan(10);
    if (reply.verdict !== 'result') throw new Error('no result');
    for (const finding of reply.result.findings.filter((f) => !explainedInLocales(f))) {
      expect(reply.explanations[finding.ruleId]).toEqual(sources.find((r) => r.id === finding.ruleId)?.explanation);
    }
  });

  test('warming up reads the rules and the model once, drops its result, and changes no answer', async () => {
    const model = loadTextModel();
    const asked = { full: 0, model: 0, pauses: 0 };
    const warmed: RulesForPages = {
      prefilter: createPrefilter(derivePrefilter(compiled)),
      full: async () => (asked.full++, compiled),
      model: async () => (asked.model++, model),
    };
    warmUpPrefilter(warmed);
    await warmUpAnalyzer(warmed, async () => void asked.pauses++);
    expect(asked).toEqual({ full: 1, model: 1, pauses: 1 });
    for (const text of texts.slice(0, 200)) {
      const first: AnalyzeTextMessage = { kind: 'cs-bg-analyze', text, title: '' };
      expect(await answerAnalyze(first, warmed)).toEqual(await answerAnalyze(first, rules));
      const message: AnalyzeTextMessage = { kind: 'cs-bg-analyze', text, title: '', context: { sensitivity: 'standard', signals: {} } };
      const reply = await answerAnalyze(message, warmed);
      expect(reply.verdict === 'result' && reply.result).toEqual(analyze({ text, title: '', signals: {} }, compiled, { sensitivity: 'standard', model }));
    }
  });

  test('warming up with a model that cannot be had still runs the rules', async () => {
    const broken: RulesForPages = { ...rules, model: async () => { throw new Error('no file'); } };
    await expect(warmUpAnalyzer(broken, async () => undefined)).resolves.toBeUndefined();
  });
});
