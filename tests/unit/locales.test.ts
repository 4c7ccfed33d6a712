// Every user-visible string lives in _locales, in all three locales (context.md). A key missing
// from one locale makes the browser fall back to English mid-sentence; an empty one shows nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { localeJson } from '../../scripts/rules';
import { CLAIM_CUE_LIST } from '../../src/engine/claim-cues';
import { loadRuleSourcesWithFiles } from '../../scripts/lib/load-rule-sources';
import { fillMessage } from '../../src/shared/explanation-text';

const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
const root = new URL('../../', import.meta.url);

type Messages = Record<string, { message?: unknown; description?: unknown; placeholders?: Record<string, { content?: unknown }> }>;

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

  /** The $NAME$ placeholders a message uses, lower-cased as Chrome reads them. */
  const usedPlaceholders = (message: string): string[] => [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();

  test.each(LOCALES)('%s: every $NAME$ in a message is defined in its placeholders, and every placeholder is used', (locale) => {
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(messages[locale])) {
      const message = String(entry.message);
      const defined = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase()).sort();
      const used = usedPlaceholders(message);
      if (JSON.stringify(used) !== JSON.stringify(defined)) problems.push(`${key}: uses [${used.join(', ')}], defines [${defined.join(', ')}]`);
      // A lone $ that is neither a placeholder nor $$ is read by Chrome as one: a literal $ is written $$.
      if (/\$(?![A-Za-z0-9_@]+\$|\$)/.test(message.replace(/\$[A-Za-z0-9_@]+\$/g, '').replace(/\$\$/g, ''))) problems.push(`${key}: a lone $`);
    }
    expect(problems).toEqual([]);
  });

  test('a message takes the same placeholders, with the same substitutions, in every locale', () => {
    const contents = (locale: (typeof LOCALES)[number], key: string): string =>
      JSON.stringify(Object.entries(messages[locale][key]?.placeholders ?? {}).map(([n, p]) => [n.toLowerCase(), p.content]).sort());
    const differ = allKeys.filter((key) => LOCALES.some((l) => contents(l, key) !== contents('en', key)));
    expect(differ).toEqual([]);
  });

  test('every claim cue is explained, its quote and arithmetic filled in, in every locale', () => {
    const keys = [...new Set(CLAIM_CUE_LIST.map((c) => c.explanationKey))];
    expect(keys.length).toBe(8);
    for (const locale of LOCALES) {
      for (const key of keys) {
        const entry = messages[locale][key] as { message: string; placeholders?: Record<string, { content: string }> } | undefined;
        expect(entry, `${locale} ${key}`).toBeDefined();
        const filled = fillMessage(entry!, ['QUOTED-1', 'FIGURE-2']);
        expect(filled, `${locale} ${key}`).toContain('QUOTED-1');
        // The second substitution (a yearly figure, a monthly sum, a deposit) is shown where there is one.
        if (Object.keys(entry!.placeholders ?? {}).length === 2) expect(filled, `${locale} ${key}`).toContain('FIGURE-2');
        expect(filled).not.toMatch(/\$/);
      }
    }
  });

  test('`npm run rules -- build` writes no rule_* keys and keeps the hand-written ones as they are', () => {
    for (const locale of LOCALES) {
      const rebuilt = JSON.parse(localeJson(locale)) as Messages;
      expect(Object.keys(rebuilt).filter((key) => key.startsWith('rule_')), locale).toEqual([]);
      for (const [key, entry] of Object.entries(messages[locale])) {
        if (!key.startsWith('rule_')) expect(rebuilt[key], `${locale} ${key}`).toEqual(entry);
      }
    }
  });

  test('every rule explains itself in en, zh_CN and zh_TW (no copy in _locales)', () => {
    const sources = loadRuleSourcesWithFiles();
    expect(sources.length).toBeGreaterThan(0);
    for (const { rule } of sources) {
      for (const locale of LOCALES) expect(rule.explanation[locale].trim(), `${rule.id} ${locale}`).not.toBe('');
    }
  });
});
