import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { analyze, compileRules } from '../../src/engine/index';
import { deserializeCompiled, serializeCompiled, SerializedRulesError } from '../../src/engine/serialize-compiled';
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

  test('refuse another format or inconsistent arrays', () => {
    const s = serializeCompiled(compiled);
    expect(() => deserializeCompiled({ ...s, format: 2 as 1 })).toThrow(SerializedRulesError);
    expect(() => deserializeCompiled({ ...s, arrays: { ...s.arrays, fail: s.arrays.outLink.slice(0, 8) } })).toThrow(SerializedRulesError);
    expect(() => deserializeCompiled({ ...s, rules: s.rules.slice(1) })).toThrow(SerializedRulesError);
  });
});
