// Export and import of settings (issue 5): a round trip gives the same settings, and a hostile or
// foreign file never gets past the field-by-field validation.
import { describe, expect, test } from 'vitest';
import { MAX_SETTINGS_FILE_LENGTH, SETTINGS_FILE_FORMAT, exportSettings, importSettings } from '../../src/ui/options/settings-file';
import { defaultSettings, type Settings } from '../../src/shared/settings';

const settings: Settings = {
  ...defaultSettings(),
  region: 'TW',
  sensitivity: 'strict',
  seniorMode: true,
  familyContact: { name: '阿明', phone: '0912 345 678' },
  allowlist: ['bank.example.tw', 'gov.example'],
  lock: true,
  hideProceedAnyway: true,
};

const file = (body: unknown): string => JSON.stringify(body);

describe('export', () => {
  test('a JSON file with the format marker and the settings, nothing else', () => {
    const parsed = JSON.parse(exportSettings(settings)) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['format', 'settings']);
    expect(parsed.format).toBe(SETTINGS_FILE_FORMAT);
    expect(parsed.settings).toEqual(settings);
  });

  test('only known fields leave: a PIN record handed in by mistake is not exported', () => {
    const withPin = { ...settings, pin: { salt: 'c2FsdA==', hash: 'aGFzaA==' } } as Settings;
    const text = exportSettings(withPin);
    expect(text).not.toContain('pin');
    expect(text).not.toContain('aGFzaA==');
    expect((JSON.parse(text) as { settings: unknown }).settings).toEqual(settings);
  });
});

describe('round trip', () => {
  test.each([
    ['the defaults', defaultSettings()],
    ['a full family setup', settings],
  ])('%s', (_name, s) => {
    expect(importSettings(exportSettings(s))).toEqual({ settings: s, problems: [] });
  });

  test('a file saved with a byte order mark by a Windows editor', () => {
    expect(importSettings(`\uFEFF${exportSettings(settings)}`).settings).toEqual(settings);
  });
});

describe('hostile and foreign files', () => {
  test.each([
    ['not JSON', 'region: CN', 'unreadable'],
    ['empty', '', 'unreadable'],
    ['truncated', exportSettings(settings).slice(0, 40), 'unreadable'],
    ['JSON null', 'null', 'wrong-format'],
    ['a JSON array', '[1,2]', 'wrong-format'],
    ['a JSON string', '"scam-sentinel-settings"', 'wrong-format'],
    ['no format marker', file({ settings }), 'wrong-format'],
    ['another program’s file', file({ format: 'dark-reader', settings }), 'wrong-format'],
    ['settings not an object', file({ format: SETTINGS_FILE_FORMAT, settings: 'all' }), 'wrong-format'],
    ['settings an array', file({ format: SETTINGS_FILE_FORMAT, settings: [settings] }), 'wrong-format'],
    ['too large', ' '.repeat(MAX_SETTINGS_FILE_LENGTH + 1), 'too-large'],
    ['deeply nested and cut short', '['.repeat(200_000), 'unreadable'],
  ])('%s: refused, nothing imported', (_name, text, code) => {
    expect(importSettings(text)).toEqual({ settings: null, problems: [{ field: 'settings', code }] });
  });

  test('bad values inside a real file fall back one by one', () => {
    const hostile = file({
      format: SETTINGS_FILE_FORMAT,
      settings: {
        ...settings,
        region: '<script>',
        familyContact: { name: 'Mum\u202E', phone: 'javascript:alert(1)' },
        allowlist: ['ok.example', 'https://evil.example/path', { host: 'x' }, 'a'.repeat(300)],
        rulesFeedUrl: 'http://attacker.example/feed.json',
        lock: 'false',
      },
    });
    const result = importSettings(hostile);
    expect(result.settings).toEqual({
      ...settings,
      region: 'auto',
      familyContact: { name: '', phone: '' },
      allowlist: ['ok.example', 'evil.example'],
      rulesFeedUrl: '',
      lock: false,
    });
    expect(result.problems).toEqual([
      { field: 'familyContact.name', code: 'invalid-characters' },
      { field: 'familyContact.phone', code: 'invalid-phone' },
      { field: 'allowlist', code: 'invalid-host', index: 2 },
      { field: 'allowlist', code: 'invalid-host', index: 3 },
      { field: 'region', code: 'not-allowed' },
      { field: 'lock', code: 'wrong-type' },
      { field: 'rulesFeedUrl', code: 'insecure-url' },
    ]);
  });

  test('a deeply nested value in a field is only a wrong type', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const text = `{"format":"${SETTINGS_FILE_FORMAT}","settings":{"schemaVersion":1,"region":${deep}}}`;
    const result = importSettings(text);
    expect(result.settings?.region).toBe('auto');
    expect(result.problems).toContainEqual({ field: 'region', code: 'wrong-type' });
  });

  test('__proto__ in a file pollutes nothing and sets nothing', () => {
    const text = `{"format":"${SETTINGS_FILE_FORMAT}","settings":{"__proto__":{"seniorMode":true,"lock":true},"schemaVersion":1}}`;
    const result = importSettings(text);
    expect(result.settings?.seniorMode).toBe(false);
    expect(result.settings?.lock).toBe(false);
    expect(({} as Record<string, unknown>).seniorMode).toBeUndefined();
  });

  test('a partial file (only the allowlist) imports with the rest at their defaults, each reported missing', () => {
    const result = importSettings(file({ format: SETTINGS_FILE_FORMAT, settings: { schemaVersion: 1, allowlist: ['a.example'] } }));
    expect(result.settings).toEqual({ ...defaultSettings(), allowlist: ['a.example'] });
    expect(result.problems.every((p) => p.code === 'missing')).toBe(true);
  });

  test('a file from before schemaVersion existed is migrated', () => {
    const { schemaVersion: _v, ...v0 } = settings;
    expect(importSettings(file({ format: SETTINGS_FILE_FORMAT, settings: v0 }))).toEqual({ settings, problems: [] });
  });
});
