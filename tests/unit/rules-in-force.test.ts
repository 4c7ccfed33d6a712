// The stored copy of the bundled compiled rules is read only when it is this build's: its rules'
// version and its serialized format (an extension update may change the format and keep the version).
import { describe, expect, test } from 'vitest';
import { bundledCompiledOf, bundledCompiledStored, bundledCopyMarked, bundledRulesItem, RULES_KEYS } from '../../src/rules/rules-in-force';
import { SERIALIZED_FORMAT } from '../../src/engine/serialize-compiled';

const storeOf = (items: Record<string, unknown>) => ({
  get: async (key: string | string[]) => Object.fromEntries((Array.isArray(key) ? key : [key]).filter((k) => k in items).map((k) => [k, items[k]])),
});

describe('the stored copy of the bundled rules', () => {
  test('is read back as written', async () => {
    expect(await bundledCompiledStored(storeOf(bundledRulesItem(7, '{"x":1}')), 7)).toBe('{"x":1}');
  });

  test('is refused when of another version, another format, or damaged', async () => {
    for (const stored of [
      { version: 6, format: SERIALIZED_FORMAT, compiled: '{}' },
      { version: 7, compiled: '{}' },
      { version: 7, format: SERIALIZED_FORMAT - 1, compiled: '{}' },
      { version: 7, format: SERIALIZED_FORMAT, compiled: {} },
      'x',
      null,
    ]) {
      expect(await bundledCompiledStored(storeOf({ [RULES_KEYS.bundled]: stored }), 7), JSON.stringify(stored)).toBeNull();
    }
  });

  test('is marked in a small key of its own, which the background reads instead of the copy', async () => {
    const item = bundledRulesItem(7, '{"x":1}');
    expect(await bundledCopyMarked(storeOf(item), 7)).toBe(true);
    expect(await bundledCopyMarked(storeOf(item), 8)).toBe(false);
    expect(await bundledCopyMarked(storeOf({ [RULES_KEYS.bundled]: item[RULES_KEYS.bundled] }), 7)).toBe(false);
    expect(await bundledCopyMarked(storeOf({ [RULES_KEYS.bundledMark]: { version: 7, format: SERIALIZED_FORMAT - 1 } }), 7)).toBe(false);
    expect(await bundledCopyMarked(storeOf({ [RULES_KEYS.bundledMark]: null }), 7)).toBe(false);
  });

  test('a change of the copy (storage.onChanged) is checked as a read one is', () => {
    expect(bundledCompiledOf(bundledRulesItem(7, '{"x":1}')[RULES_KEYS.bundled], 7)).toBe('{"x":1}');
    expect(bundledCompiledOf(bundledRulesItem(7, '{"x":1}')[RULES_KEYS.bundled], 6)).toBeNull();
    expect(bundledCompiledOf(undefined, 7)).toBeNull();
  });
});
