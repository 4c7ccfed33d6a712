// Browser policy (issue 5): managed values checked one by one, and laid over the person's own
// settings with the fields they set reported as locked.
import { describe, expect, test } from 'vitest';
import { MANAGED_KEYS, mergeSettings, parseManaged, type ManagedSettings } from '../../src/shared/managed-settings';
import { defaultSettings, type Settings } from '../../src/shared/settings';

const user: Settings = {
  ...defaultSettings(),
  region: 'GB',
  sensitivity: 'relaxed',
  familyContact: { name: 'Tom', phone: '07700 900123' },
  allowlist: ['bank.example'],
};

describe('parseManaged', () => {
  test.each([
    ['no policy', undefined],
    ['null', null],
    ['an empty policy', {}],
  ])('%s: nothing managed, no problem', (_name, raw) => {
    expect(parseManaged(raw)).toEqual({ managed: {}, problems: [] });
  });

  test.each([['a string', 'region=CN'], ['an array', [{ region: 'CN' }]], ['a number', 1]])('%s is reported', (_name, raw) => {
    expect(parseManaged(raw)).toEqual({ managed: {}, problems: [{ key: '*', code: 'not-an-object' }] });
  });

  test('every key with a valid value', () => {
    const raw = {
      region: 'CN',
      sensitivity: 'strict',
      seniorMode: true,
      familyContactName: '女儿 小红',
      familyContactPhone: '+86 138 0013 8000',
      lockSettings: true,
      disableAllowlist: true,
      hideProceedAnyway: true,
      rulesFeedUrl: 'https://rules.example.org/feed.json',
    };
    expect(Object.keys(raw).sort()).toEqual([...MANAGED_KEYS].sort());
    expect(parseManaged(raw)).toEqual({ managed: raw, problems: [] });
  });

  test.each<[string, Record<string, unknown>, ManagedSettings, { key: string; code: string }[]]>([
    ['region outside the directory', { region: 'XX', seniorMode: true }, { seniorMode: true }, [{ key: 'region', code: 'not-allowed' }]],
    ['boolean as registry DWORD number', { seniorMode: 1 }, {}, [{ key: 'seniorMode', code: 'wrong-type' }]],
    ['boolean as a string', { lockSettings: 'true' }, {}, [{ key: 'lockSettings', code: 'wrong-type' }]],
    ['sensitivity unknown', { sensitivity: 'max' }, {}, [{ key: 'sensitivity', code: 'not-allowed' }]],
    ['phone with letters', { familyContactPhone: 'call me' }, {}, [{ key: 'familyContactPhone', code: 'invalid-phone' }]],
    ['name with a control character', { familyContactName: 'a\u0007b' }, {}, [{ key: 'familyContactName', code: 'invalid-characters' }]],
    ['feed over plain http', { rulesFeedUrl: 'http://rules.example.org/' }, {}, [{ key: 'rulesFeedUrl', code: 'insecure-url' }]],
    ['feed on localhost for development', { rulesFeedUrl: 'http://localhost:8787/feed.json' }, { rulesFeedUrl: 'http://localhost:8787/feed.json' }, []],
    ['a typo in a key name', { seniormode: true }, {}, [{ key: 'seniormode', code: 'unknown-key' }]],
    ['a settings name that is not a policy', { allowlist: ['a.example'] }, {}, [{ key: 'allowlist', code: 'unknown-key' }]],
    ['__proto__ as a key', JSON.parse('{"__proto__": {"seniorMode": true}}') as Record<string, unknown>, {}, [{ key: '__proto__', code: 'unknown-key' }]],
    ['a huge unknown key name is cut', { ['k'.repeat(10_000)]: 1 }, {}, [{ key: 'k'.repeat(100), code: 'unknown-key' }]],
  ])('%s', (_name, raw, managed, problems) => {
    expect(parseManaged(raw)).toEqual({ managed, problems });
  });

  test('values are normalised as the settings are', () => {
    expect(parseManaged({ familyContactPhone: '１１０', familyContactName: '  Mum  ' }).managed).toEqual({
      familyContactPhone: '110',
      familyContactName: 'Mum',
    });
  });
});

describe('mergeSettings', () => {
  test('no policy: the person’s settings, nothing locked', () => {
    const { settings, locked } = mergeSettings(user, {});
    expect(settings).toEqual(user);
    expect([...locked]).toEqual([]);
  });

  test.each<[string, ManagedSettings, Partial<Settings>, string[]]>([
    ['region', { region: 'CN' }, { region: 'CN' }, ['region']],
    ['region auto', { region: 'auto' }, { region: 'auto' }, ['region']],
    ['sensitivity', { sensitivity: 'strict' }, { sensitivity: 'strict' }, ['sensitivity']],
    ['senior mode', { seniorMode: true }, { seniorMode: true }, ['seniorMode']],
    ['senior mode forced off', { seniorMode: false }, { seniorMode: false }, ['seniorMode']],
    ['lock', { lockSettings: true }, { lock: true }, ['lock']],
    ['hide proceed anyway', { hideProceedAnyway: true }, { hideProceedAnyway: true }, ['hideProceedAnyway']],
    ['disable allowlist locks the allowlist too', { disableAllowlist: true }, { disableAllowlist: true }, ['disableAllowlist', 'allowlist']],
    ['allowlist explicitly allowed', { disableAllowlist: false }, { disableAllowlist: false }, ['disableAllowlist']],
    ['feed', { rulesFeedUrl: 'https://r.example/f' }, { rulesFeedUrl: 'https://r.example/f' }, ['rulesFeedUrl']],
    ['feed forced to the built-in one', { rulesFeedUrl: '' }, { rulesFeedUrl: '' }, ['rulesFeedUrl']],
    ['the whole contact', { familyContactName: 'Mei', familyContactPhone: '+65 8123 4567' }, { familyContact: { name: 'Mei', phone: '+65 8123 4567' } }, ['familyContact.name', 'familyContact.phone']],
    ['only the contact’s number: the person’s name stays', { familyContactPhone: '999' }, { familyContact: { name: 'Tom', phone: '999' } }, ['familyContact.phone']],
  ])('managed %s wins and is locked', (_name, managed, expected, locked) => {
    const result = mergeSettings(user, managed);
    expect(result.settings).toEqual({ ...user, ...expected });
    expect([...result.locked].sort()).toEqual([...locked].sort());
  });

  test('every managed key locks a field', () => {
    const all = parseManaged({
      region: 'HK',
      sensitivity: 'standard',
      seniorMode: true,
      familyContactName: 'A',
      familyContactPhone: '110',
      lockSettings: false,
      disableAllowlist: false,
      hideProceedAnyway: false,
      rulesFeedUrl: '',
    }).managed;
    expect(mergeSettings(user, all).locked.size).toBe(MANAGED_KEYS.length);
  });

  test('neither input is changed, and the result shares nothing with them', () => {
    const before = structuredClone(user);
    const managed: ManagedSettings = { familyContactName: 'Mei', region: 'CN' };
    const { settings } = mergeSettings(user, managed);
    settings.allowlist.push('x.example');
    settings.familyContact.phone = '1';
    expect(user).toEqual(before);
    expect(managed).toEqual({ familyContactName: 'Mei', region: 'CN' });
  });

  test('an invalid policy value leaves the person’s setting in force, unlocked', () => {
    const { managed } = parseManaged({ region: 'Narnia', seniorMode: true });
    const result = mergeSettings(user, managed);
    expect(result.settings.region).toBe('GB');
    expect(result.locked.has('region')).toBe(false);
    expect(result.settings.seniorMode).toBe(true);
  });
});
