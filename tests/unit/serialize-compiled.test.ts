import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { analyze, compileRules } from '../../src/engine/index';
import { deserializeCompiled, joinSplitRules, reviveCompiled, reviveSteps, serializeCompiled, SerializedRulesError, splitSerialized, type SerializedRules } from '../../src/engine/serialize-compiled';
import { loadRuleSources } from '../../scripts/lib/load-rule-sources';

const rules = loadRuleSources();
const compiled = compileRules(rules);
const roundTrip = deserializeCompiled(JSON.parse(JSON.stringify(serializeCompiled(compiled))));

describe('serialized compiled rules', () => {
  test('survive JSON and give the same automaton', () => {
    expect(Array.from(roundTrip.automaton.fail)).toEqual(Array.from(compiled.automaton.fail));
    expect(Array.from(roundTrip.automaton.root)).toEqual(Array.from(compiled.automaton.root));
    expect(Array.from(roundTrip.automaton.markRow)).toEqual(Array.from(compiled.automaton.markRow));
    expect(Array.from(roundTrip.automaton.firstOut)).toEqual(Array.from(compiled.automaton.firstOut));
    expect(roundTrip.uses).toEqual(compiled.uses);
    expect(roundTrip.regexes.map((r) => r.windowRes.map((re) => re.source))).toEqual(compiled.regexes.map((r) => r.windowRes.map((re) => re.source)));
  });

  test('give the same result as the compiled rules on every rule example', () => {
    for (const rule of rules) {
      for (const text of [...rule.examples.scam, ...rule.examples.benign]) {
        expect(analyze({ text }, roundTrip), text).toEqual(analyze({ text }, compiled));
      }
    }
  });

  test('give the same result on any text built from the rules\' own phrases', () => {
    const words = rules.flatMap((r) => [...(r.patterns.phrases ?? []), ...(r.patterns.near?.groups.flat() ?? [])]).map((p) => p.replace(/\*$/, ''));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 })), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        expect(analyze({ text }, roundTrip)).toEqual(analyze({ text }, compiled));
      }),
      { numRuns: 300 },
    );
  });

  test('are revived in many steps, the same as all at once, and survive JSON as one text', async () => {
    const text = JSON.stringify(serializeCompiled(compiled));
    let pauses = 0;
    const revived = await reviveCompiled(JSON.parse(text), async () => {
      pauses++;
    });
    // Every typed array, every part of the rules and the checks have steps of their own.
    expect(pauses).toBeGreaterThan(15);
    expect(Array.from(revived.automaton.markNext)).toEqual(Array.from(compiled.automaton.markNext));
    expect(revived.rules).toEqual(roundTrip.rules);
    expect(revived.phrases).toEqual(compiled.phrases);
    for (const rule of rules.slice(0, 40)) for (const t of rule.examples.scam) expect(analyze({ text: t }, revived)).toEqual(analyze({ text: t }, compiled));
  });

  test('refuse another format, damaged parts or inconsistent arrays', () => {
    const s = serializeCompiled(compiled);
    const damaged: unknown[] = [
      null,
      'x',
      { ...s, format: 1 },
      { ...s, arrays: { ...s.arrays, fail: s.arrays.outLink.slice(0, 8) } },
      { ...s, arrays: { ...s.arrays, fail: s.arrays.fail.slice(0, 6) } },
      { ...s, arrays: { ...s.arrays, edgeNext: '!!!not base64!!!' } },
      { ...s, arrays: { ...s.arrays, edgeChar: 12 } },
      { ...s, arrays: { ...s.arrays, output: undefined } },
      // A transition out of range: the matcher would read past its arrays.
      { ...s, arrays: { ...s.arrays, edgeNext: Buffer.from(new Int32Array(Array.from(deserializeCompiled(s).automaton.edgeNext, () => 1e6)).buffer).toString('base64') } },
      { ...s, rules: s.rules.slice(1) },
      { ...s, rules: ['[1, 2'] },
      { ...s, rules: [...s.rules.slice(0, -1), '[{"id": 3}]'] },
      { ...s, rules: 'x' },
      { ...s, meta: '{' },
      { ...s, meta: JSON.stringify({ ...JSON.parse(s.meta), regexes: [{ rule: 99_999, windowSources: ['a'], maxLength: 1, anchored: true }] }) },
      { ...s, meta: JSON.stringify({ ...JSON.parse(s.meta), regexes: [{ rule: 0, windowSources: ['('], maxLength: 1, anchored: true }] }) },
      { ...s, phrases: s.phrases.slice(0, -1) },
      { ...s, phrases: `x\n${s.phrases}` },
    ];
    for (const value of damaged) {
      expect(() => deserializeCompiled(value), JSON.stringify(value).slice(0, 200)).toThrow(SerializedRulesError);
    }
    // As storage gives them back: the damage is found while reviving, before any rule is used.
    const steps = reviveSteps({ ...s, rules: [...s.rules, '{'] } as SerializedRules);
    expect(() => {
      for (let step = steps.next(); !step.done; step = steps.next());
    }).toThrow(SerializedRulesError);
  });

  test('split in two files (the JSON without the arrays, the arrays as bytes) revive the same', () => {
    const s = serializeCompiled(compiled);
    const split = splitSerialized(s);
    expect(split.json.length).toBeLessThan(JSON.stringify(s).length / 2);
    // As the background reads them: the JSON as text, the bytes as a buffer of their own.
    const buffer = split.bytes.slice().buffer;
    const revived = deserializeCompiled(joinSplitRules(JSON.parse(split.json), buffer));
    expect(Array.from(revived.automaton.markNext)).toEqual(Array.from(compiled.automaton.markNext));
    expect(Array.from(revived.automaton.edgeChar)).toEqual(Array.from(compiled.automaton.edgeChar));
    expect(revived.uses).toEqual(compiled.uses);
    expect(revived.rules).toEqual(roundTrip.rules);
    for (const rule of rules.slice(0, 40)) for (const t of rule.examples.scam) expect(analyze({ text: t }, revived)).toEqual(analyze({ text: t }, compiled));
  });

  test('split in two files, refuse places outside the bytes or misaligned, and bytes that do not fit', () => {
    const split = splitSerialized(serializeCompiled(compiled));
    const value = JSON.parse(split.json) as { arrays: Record<string, [number, number]> };
    const buffer = split.bytes.slice().buffer;
    const fail = value.arrays.fail!;
    const damaged: [unknown, ArrayBuffer][] = [
      [null, buffer],
      [{ ...value, arrays: null }, buffer],
      [{ ...value, arrays: { ...value.arrays, fail: undefined } }, buffer],
      [{ ...value, arrays: { ...value.arrays, fail: [fail[0] + 2, fail[1]] } }, buffer],
      [{ ...value, arrays: { ...value.arrays, fail: [-4, fail[1]] } }, buffer],
      [{ ...value, arrays: { ...value.arrays, fail: [fail[0], split.bytes.length] } }, buffer],
      [value, buffer.slice(0, buffer.byteLength - 8)],
    ];
    for (const [json, bytes] of damaged) expect(() => deserializeCompiled(joinSplitRules(json, bytes)), JSON.stringify(json)?.slice(0, 100)).toThrow(SerializedRulesError);
    // Arrays of the wrong length for the rest: found by the checks every stored feed goes through.
    const swapped = { ...value, arrays: { ...value.arrays, fail: value.arrays.outLink, outLink: value.arrays.phraseLength } };
    expect(() => deserializeCompiled(joinSplitRules(swapped, buffer))).toThrow(SerializedRulesError);
  });
});
