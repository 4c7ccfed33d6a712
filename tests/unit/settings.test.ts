// The settings model (issue 5): each field validated on its own, bad values falling back to their
// default with a problem code, corrupt stores giving the defaults, and migrations by version.
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_ALLOWLIST_SIZE,
  MIGRATIONS,
  SETTINGS_VERSION,
  defaultSettings,
  familyContactOf,
  isTrustedHost,
  migrateSettings,
  normalizeHost,
  parseSettings,
  resolveRegion,
  type Migration,
  type Settings,
  type SettingsProblem,
} from '../../src/shared/settings';

/** A complete, valid version-1 store with some fields replaced. */
function stored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...defaultSettings(), ...overrides };
}

describe('defaults', () => {
  test('a fresh install (nothing stored) gives the defaults and no problem', () => {
    expect(parseSettings(undefined)).toEqual({ settings: defaultSettings(), problems: [] });
  });

  test('the defaults are frozen and each copy is unshared', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.familyContact)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SETTINGS.allowlist)).toBe(true);
    const a = defaultSettings();
    a.allowlist.push('example.com');
    a.familyContact.name = 'Li';
    expect(defaultSettings().allowlist).toEqual([]);
    expect(defaultSettings().familyContact.name).toBe('');
  });

  test('a complete valid store reads back unchanged', () => {
    const settings: Settings = {
      schemaVersion: 1,
      region: 'HK',
      sensitivity: 'strict',
      seniorMode: true,
      familyContact: { name: '王小明', phone: '+852 9123 4567' },
      allowlist: ['bank.example.com', 'xn--fiqs8s.example'],
      lock: true,
      disableAllowlist: false,
      hideProceedAnyway: true,
      rulesFeedUrl: 'https://rules.example.org/feed.json',
    };
    expect(parseSettings(structuredClone(settings))).toEqual({ settings, problems: [] });
  });
});

describe('each field: a bad value falls back to its default and is reported', () => {
  test.each<[string, Record<string, unknown>, Partial<Settings>, SettingsProblem[]]>([
    ['region not in the directory', { region: 'FR' }, { region: 'auto' }, [{ field: 'region', code: 'not-allowed' }]],
    ['region lower case', { region: 'cn' }, { region: 'auto' }, [{ field: 'region', code: 'not-allowed' }]],
    ['region a number', { region: 86 }, { region: 'auto' }, [{ field: 'region', code: 'wrong-type' }]],
    ['region auto is valid', { region: 'auto' }, { region: 'auto' }, []],
    ['sensitivity unknown', { sensitivity: 'paranoid' }, { sensitivity: 'standard' }, [{ field: 'sensitivity', code: 'not-allowed' }]],
    ['sensitivity null', { sensitivity: null }, { sensitivity: 'standard' }, [{ field: 'sensitivity', code: 'wrong-type' }]],
    ['seniorMode as a string', { seniorMode: 'true' }, { seniorMode: false }, [{ field: 'seniorMode', code: 'wrong-type' }]],
    ['seniorMode as 1', { seniorMode: 1 }, { seniorMode: false }, [{ field: 'seniorMode', code: 'wrong-type' }]],
    ['lock as a string', { lock: 'yes' }, { lock: false }, [{ field: 'lock', code: 'wrong-type' }]],
    ['disableAllowlist as null', { disableAllowlist: null }, { disableAllowlist: false }, [{ field: 'disableAllowlist', code: 'wrong-type' }]],
    ['hideProceedAnyway as 0', { hideProceedAnyway: 0 }, { hideProceedAnyway: false }, [{ field: 'hideProceedAnyway', code: 'wrong-type' }]],
    ['feed over plain http', { rulesFeedUrl: 'http://rules.example.org/feed.json' }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'insecure-url' }]],
    ['feed not a URL', { rulesFeedUrl: 'rules feed' }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'invalid-url' }]],
    ['feed with credentials', { rulesFeedUrl: 'https://user:pw@rules.example.org/' }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'invalid-url' }]],
    ['feed as javascript:', { rulesFeedUrl: 'javascript:alert(1)' }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'invalid-url' }]],
    ['feed as file:', { rulesFeedUrl: 'file:///etc/passwd' }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'invalid-url' }]],
    ['feed too long', { rulesFeedUrl: `https://a.example/${'x'.repeat(2100)}` }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'too-long' }]],
    ['feed on localhost over http', { rulesFeedUrl: 'http://localhost:8787/feed.json' }, { rulesFeedUrl: 'http://localhost:8787/feed.json' }, []],
    ['feed on 127.0.0.1 over http', { rulesFeedUrl: 'http://127.0.0.1:8787/feed.json' }, { rulesFeedUrl: 'http://127.0.0.1:8787/feed.json' }, []],
    ['feed on [::1] over http', { rulesFeedUrl: 'http://[::1]:8787/f' }, { rulesFeedUrl: 'http://[::1]:8787/f' }, []],
    ['feed on a look-alike of localhost', { rulesFeedUrl: 'http://localhost.evil.example/f' }, { rulesFeedUrl: '' }, [{ field: 'rulesFeedUrl', code: 'insecure-url' }]],
    ['feed URL normalised', { rulesFeedUrl: ' HTTPS://Rules.Example.org/feed.json ' }, { rulesFeedUrl: 'https://rules.example.org/feed.json' }, []],
  ])('%s', (_name, overrides, expected, problems) => {
    const result = parseSettings(stored(overrides));
    expect(result.settings).toEqual({ ...defaultSettings(), ...expected });
    expect(result.problems).toEqual(problems);
  });

  test('one bad field costs none of the others', () => {
    const result = parseSettings(stored({ region: 'TW', seniorMode: 'on', sensitivity: 'strict' }));
    expect(result.settings.region).toBe('TW');
    expect(result.settings.sensitivity).toBe('strict');
    expect(result.settings.seniorMode).toBe(false);
    expect(result.problems).toEqual([{ field: 'seniorMode', code: 'wrong-type' }]);
  });
});

describe('family contact', () => {
  test.each<[string, unknown, { name: string; phone: string }, SettingsProblem[]]>([
    ['none', { name: '', phone: '' }, { name: '', phone: '' }, []],
    ['name and number', { name: 'Anna', phone: '+44 20 7946 0958' }, { name: 'Anna', phone: '+44 20 7946 0958' }, []],
    ['whitespace trimmed and collapsed', { name: '  Li   Wei ', phone: ' 138  0013 8000 ' }, { name: 'Li Wei', phone: '138 0013 8000' }, []],
    ['full-width digits (Chinese input methods) become ASCII', { name: '女儿', phone: '１３８００１３８０００' }, { name: '女儿', phone: '13800138000' }, []],
    ['brackets and dashes', { name: 'Bob', phone: '(02) 9876-5432' }, { name: 'Bob', phone: '(02) 9876-5432' }, []],
    ['letters in the number', { name: 'Bob', phone: '1-800-SCAMMER' }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'invalid-phone' }]],
    ['a tel: link is not a number', { name: 'Bob', phone: 'tel:110' }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'invalid-phone' }]],
    ['+ in the middle', { name: 'Bob', phone: '12+34' }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'invalid-phone' }]],
    ['too few digits', { name: 'Bob', phone: '12' }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'invalid-phone' }]],
    ['too many digits', { name: 'Bob', phone: '1'.repeat(21) }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'invalid-phone' }]],
    ['number too long', { name: 'Bob', phone: '1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7' }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'too-long' }]],
    ['number a number', { name: 'Bob', phone: 110 }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'wrong-type' }]],
    ['name too long', { name: 'x'.repeat(61), phone: '110' }, { name: '', phone: '110' }, [{ field: 'familyContact.name', code: 'too-long' }]],
    ['60 Chinese characters fit', { name: '好'.repeat(60), phone: '110' }, { name: '好'.repeat(60), phone: '110' }, []],
    ['a huge name', { name: 'x'.repeat(1_000_000), phone: '110' }, { name: '', phone: '110' }, [{ field: 'familyContact.name', code: 'too-long' }]],
    ['control character in the name', { name: 'Bob\u0000', phone: '110' }, { name: '', phone: '110' }, [{ field: 'familyContact.name', code: 'invalid-characters' }]],
    ['bidi override in the name', { name: 'Bob\u202Eevil', phone: '110' }, { name: '', phone: '110' }, [{ field: 'familyContact.name', code: 'invalid-characters' }]],
    ['a newline in the name is only whitespace', { name: 'Bob\nSmith', phone: '110' }, { name: 'Bob Smith', phone: '110' }, []],
    ['name an object', { name: { toString: 'Bob' }, phone: '110' }, { name: '', phone: '110' }, [{ field: 'familyContact.name', code: 'wrong-type' }]],
    ['half-written: phone missing', { name: 'Bob' }, { name: 'Bob', phone: '' }, [{ field: 'familyContact.phone', code: 'missing' }]],
  ])('%s', (_name, familyContact, expected, problems) => {
    const result = parseSettings(stored({ familyContact }));
    expect(result.settings.familyContact).toEqual(expected);
    expect(result.problems).toEqual(problems);
  });

  test.each([['a string', 'Bob 110'], ['null', null], ['an array', ['Bob', '110']]])('contact as %s falls back to none', (_name, value) => {
    const result = parseSettings(stored({ familyContact: value }));
    expect(result.settings.familyContact).toEqual({ name: '', phone: '' });
    expect(result.problems).toEqual([{ field: 'familyContact', code: 'wrong-type' }]);
  });

  test('a contact is offered only with a number to call', () => {
    expect(familyContactOf({ familyContact: { name: 'Bob', phone: '' } })).toBeNull();
    expect(familyContactOf({ familyContact: { name: '', phone: '110' } })).toEqual({ name: '', phone: '110' });
  });
});

describe('allowlist', () => {
  test.each<[string, string, string | null]>([
    ['a host', 'example.com', 'example.com'],
    ['upper case', 'Bank.Example.COM', 'bank.example.com'],
    ['a trailing dot', 'example.com.', 'example.com'],
    ['an https URL', 'https://Bank.example.com/login?x=1', 'bank.example.com'],
    ['an http URL with a port', 'http://example.com:8080/', 'example.com'],
    ['an internationalised name', '例子.测试', 'xn--fsqu00a.xn--0zwm56d'],
    ['an IPv4 address', '192.168.1.1', '192.168.1.1'],
    ['localhost', 'localhost', 'localhost'],
    ['surrounding spaces', '  example.com ', 'example.com'],
    ['a path', 'example.com/login', null],
    ['credentials', 'user@example.com', null],
    ['a port', 'example.com:443', null],
    ['a space inside', 'exa mple.com', null],
    ['an ftp URL', 'ftp://example.com/', null],
    ['a javascript: URL', 'javascript:alert(1)', null],
    ['empty', '', null],
    ['a label starting with -', '-bad.example', null],
    ['a label too long', `${'a'.repeat(64)}.example`, null],
    ['a name too long', `${'abc.'.repeat(64)}com`, null],
    ['two dots', 'example..com', null],
  ])('normalizeHost: %s', (_name, input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });

  test('entries are normalised, bad ones dropped one by one, duplicates merged', () => {
    const result = parseSettings(stored({ allowlist: ['Example.com', 42, 'bad host', 'example.com', 'b.example'] }));
    expect(result.settings.allowlist).toEqual(['example.com', 'b.example']);
    expect(result.problems).toEqual([
      { field: 'allowlist', code: 'invalid-host', index: 1 },
      { field: 'allowlist', code: 'invalid-host', index: 2 },
      { field: 'allowlist', code: 'duplicate', index: 3 },
    ]);
  });

  test(`capped at ${MAX_ALLOWLIST_SIZE} sites, with one problem for the rest`, () => {
    const hosts = Array.from({ length: 100_000 }, (_, i) => `site${i}.example`);
    const result = parseSettings(stored({ allowlist: hosts }));
    expect(result.settings.allowlist).toEqual(hosts.slice(0, MAX_ALLOWLIST_SIZE));
    expect(result.problems).toEqual([{ field: 'allowlist', code: 'too-many', index: MAX_ALLOWLIST_SIZE }]);
  });

  test('not an array: empty, reported', () => {
    const result = parseSettings(stored({ allowlist: 'example.com' }));
    expect(result.settings.allowlist).toEqual([]);
    expect(result.problems).toEqual([{ field: 'allowlist', code: 'wrong-type' }]);
  });

  test('trusted means the exact host, and nothing when policy disabled the allowlist', () => {
    const settings = { allowlist: ['bank.example.com'], disableAllowlist: false };
    expect(isTrustedHost(settings, 'bank.example.com')).toBe(true);
    expect(isTrustedHost(settings, 'BANK.example.com.')).toBe(true);
    expect(isTrustedHost(settings, 'evil.bank.example.com')).toBe(false);
    expect(isTrustedHost(settings, 'example.com')).toBe(false);
    expect(isTrustedHost({ ...settings, disableAllowlist: true }, 'bank.example.com')).toBe(false);
  });
});

describe('corrupt or half-written stores', () => {
  test.each([
    ['null', null],
    ['a string', '{"region":"CN"}'],
    ['a number', 42],
    ['an array', [{ region: 'CN' }]],
    ['true', true],
  ])('%s gives the defaults and one problem', (_name, raw) => {
    expect(parseSettings(raw)).toEqual({ settings: defaultSettings(), problems: [{ field: 'settings', code: 'not-an-object' }] });
  });

  test('a half-written store keeps what was written and reports each missing field', () => {
    const result = parseSettings({ schemaVersion: 1, region: 'SG', seniorMode: true });
    expect(result.settings).toEqual({ ...defaultSettings(), region: 'SG', seniorMode: true });
    expect(result.problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual(
      [
        'allowlist:missing',
        'disableAllowlist:missing',
        'familyContact:missing',
        'hideProceedAnyway:missing',
        'lock:missing',
        'rulesFeedUrl:missing',
        'sensitivity:missing',
      ].sort(),
    );
  });

  test('an empty object: all defaults, every field missing, never a throw', () => {
    const result = parseSettings({});
    expect(result.settings).toEqual(defaultSettings());
    expect(result.problems.every((p) => p.code === 'missing')).toBe(true);
    expect(result.problems).toHaveLength(9);
  });

  test('inherited and __proto__ keys are not read as settings', () => {
    const hostile = JSON.parse('{"schemaVersion":1,"__proto__":{"region":"CN","seniorMode":true}}') as object;
    const result = parseSettings(hostile);
    expect(result.settings.region).toBe('auto');
    expect(result.settings.seniorMode).toBe(false);
    expect(({} as Record<string, unknown>).region).toBeUndefined();
  });

  test('a getter that throws is reported, not thrown', () => {
    const store = stored();
    Object.defineProperty(store, 'region', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => parseSettings(store)).not.toThrow();
    expect(parseSettings(store)).toEqual({ settings: defaultSettings(), problems: [{ field: 'settings', code: 'migration-failed' }] });
  });
});

describe('migrations', () => {
  test('the current version is the number of migrations', () => {
    expect(SETTINGS_VERSION).toBe(MIGRATIONS.length);
  });

  test('0 → 1: a store without schemaVersion keeps its fields and gets version 1', () => {
    const v0 = { region: 'MY', sensitivity: 'relaxed', seniorMode: true, familyContact: { name: 'Ah Kow', phone: '012-345 6789' }, allowlist: ['bank.example'] };
    const migrated = migrateSettings(v0);
    expect(migrated).toEqual({ store: { ...v0, schemaVersion: 1 }, problems: [] });
    expect(v0).not.toHaveProperty('schemaVersion');
    const result = parseSettings(v0);
    expect(result.settings).toMatchObject({ schemaVersion: 1, region: 'MY', sensitivity: 'relaxed', seniorMode: true, allowlist: ['bank.example'] });
  });

  test('a current store is not migrated', () => {
    const v1 = stored({ region: 'CN' });
    expect(migrateSettings(v1)).toEqual({ store: v1, problems: [] });
  });

  // The product has one migration so far; a longer chain shows the mechanism runs each step once, in order.
  const chain: Migration[] = [
    (s) => ({ ...s, steps: [...((s.steps as string[] | undefined) ?? []), '0→1'] }),
    (s) => ({ ...s, steps: [...(s.steps as string[]), '1→2'], renamed: s.old, old: undefined }),
    (s) => ({ ...s, steps: [...(s.steps as string[]), '2→3'] }),
  ];

  test.each([
    [0, ['0→1', '1→2', '2→3']],
    [1, ['1→2', '2→3']],
    [2, ['2→3']],
  ])('a chain runs from version %i to the end, each step once', (from, steps) => {
    const start: Record<string, unknown> = { schemaVersion: from, old: 'x', steps: [] };
    if (from === 0) delete start.schemaVersion;
    const { store, problems } = migrateSettings(start, chain);
    expect(store.schemaVersion).toBe(3);
    expect(store.steps).toEqual(steps);
    expect(problems).toEqual([]);
    if (from <= 1) expect(store.renamed).toBe('x');
  });

  test.each([
    ['a negative version', -1],
    ['a fraction', 1.5],
    ['a string', '1'],
    ['NaN', Number.NaN],
  ])('%s is reported and the fields read as current', (_name, schemaVersion) => {
    const result = parseSettings(stored({ schemaVersion, region: 'GB' }));
    expect(result.settings.region).toBe('GB');
    expect(result.settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(result.problems).toEqual([{ field: 'schemaVersion', code: 'invalid-version' }]);
  });

  test('a store from a newer version (extension rolled back) keeps what this version understands', () => {
    const result = parseSettings(stored({ schemaVersion: SETTINGS_VERSION + 1, region: 'AU', someFutureField: true }));
    expect(result.settings.region).toBe('AU');
    expect(result.settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(result.settings).not.toHaveProperty('someFutureField');
    expect(result.problems).toEqual([{ field: 'schemaVersion', code: 'newer-version' }]);
  });

  test('a migration that throws gives the defaults and a problem', () => {
    const throwing: Migration[] = [
      () => {
        throw new Error('bad store');
      },
    ];
    expect(() => migrateSettings({}, throwing)).toThrow('bad store');
    // parseSettings catches it (checked with the real list through a throwing getter above).
  });
});

describe('region', () => {
  test.each([
    ['auto follows the time zone', 'auto', 'Asia/Taipei', 'en-US', 'TW'],
    ['auto falls back to the language', 'auto', undefined, 'en-GB', 'GB'],
    ['a chosen region wins over both', 'SG', 'Asia/Shanghai', 'zh-CN', 'SG'],
  ] as const)('%s', (_name, region, timeZone, language, expected) => {
    expect(resolveRegion({ region }, timeZone, language)).toBe(expected);
  });
});
