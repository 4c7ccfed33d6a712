// Every user-visible string lives in _locales, in all three locales (context.md). A key missing
// from one locale makes the browser fall back to English mid-sentence; an empty one shows nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
const root = new URL('../../', import.meta.url);

type Messages = Record<string, { message?: unknown; description?: unknown }>;

function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(new URL(`assets/_locales/${locale}/messages.json`, root), 'utf8')) as Messages;
}

const messages = Object.fromEntries(LOCALES.map((l) => [l, readMessages(l)])) as Record<
  (typeof LOCALES)[number],
  Messages
>;
const allKeys = [...new Set(LOCALES.flatMap((l) => Object.keys(messages[l])))].sort();

/** Every TypeScript file under src/, for the getMessage('…') scan. */
function sourceFiles(dir: URL): URL[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sourceFiles(new URL(`${entry.name}/`, dir));
    return entry.name.endsWith('.ts') ? [new URL(entry.name, dir)] : [];
  });
}

describe('_locales', () => {
  test('the locale folders are exactly en, zh_CN and zh_TW', () => {
    const folders = readdirSync(new URL('assets/_locales/', root)).sort();
    expect(folders).toEqual([...LOCALES].sort());
  });

  test('there are messages', () => {
    expect(allKeys.length).toBeGreaterThan(0);
  });

  test.each(LOCALES)('%s has every key, each with a non-empty message', (locale) => {
    const missing = allKeys.filter((key) => !(key in messages[locale]));
    expect(missing).toEqual([]);
    const empty = allKeys.filter((key) => {
      const message = messages[locale][key]?.message;
      return typeof message !== 'string' || message.trim() === '';
    });
    expect(empty).toEqual([]);
  });

  test('message names use only the characters browsers accept', () => {
    // Chrome and Firefox: ASCII letters, digits and underscore (plus "@@" for predefined ones).
    expect(allKeys.filter((key) => !/^[A-Za-z0-9_]+$/.test(key))).toEqual([]);
  });

  test.each(LOCALES)('%s: the store limits on name and description hold', (locale) => {
    // Chrome rejects a name over 75 characters and the Web Store a description over 132.
    expect(String(messages[locale].ext_name?.message).length).toBeLessThanOrEqual(75);
    expect(String(messages[locale].ext_description?.message).length).toBeLessThanOrEqual(132);
  });

  test('every __MSG_…__ placeholder in manifest.json has a message', () => {
    const manifest = readFileSync(new URL('manifest.json', root), 'utf8');
    const used = [...manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((key) => !allKeys.includes(key))).toEqual([]);
  });

  test('every message named in src/ by a literal getMessage() call exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(new URL('src/', root))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/getMessage\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
      // Keys held in tables (textKey: 'badge_text_caution') are checked the same way.
      for (const m of code.matchAll(/\b(?:textKey|titleKey|messageKey):\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((key) => !allKeys.includes(key))).toEqual([]);
  });
});
