// The stored copy of the bundled compiled rules is read only when it is this build's: its rules'
// version and its serialized format (an extension update may change the format and keep the version).
import { describe, expect, test } from 'vitest';
import { bundledCompiledStored, bundledRulesItem, RULES_KEYS } from '../../src/rules/rules-in-force';
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
});
