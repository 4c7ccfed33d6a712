// The family kit's policy templates (issue 5): each is read as its browser would read it, and
// what it sets must pass both the managed schema (as Chrome checks it) and parseManaged (as the
// extension checks it). The schema must be one Chrome accepts and must list exactly the keys
// parseManaged knows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  checkManagedSchema,
  checkPolicyTemplate,
  checkPolicyTemplates,
  schemaProblems,
  type ManagedSchema,
  type TemplateContext,
} from '../../scripts/lib/check-policy-templates';
import { extensionIdFromKey } from '../../scripts/lib/extension-id';
import { PlistError, readPlist } from '../../scripts/lib/read-plist';
import { decodeRegFile, RegFileError, readRegFile } from '../../scripts/lib/read-reg-file';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { runMain } from '../../scripts/lib/run-main';
import { main as checkPolicyTemplatesMain } from '../../scripts/check-policy-templates';
import { MANAGED_KEYS, parseManaged } from '../../src/shared/managed-settings';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'manifest.json'), 'utf8')) as { key: string; browser_specific_settings: { gecko: { id: string } } };
const schema = JSON.parse(readFileSync(join(repoRoot, 'assets', 'managed_schema.json'), 'utf8')) as ManagedSchema;
const context: TemplateContext = { schema, chromeId: extensionIdFromKey(manifest.key), geckoId: manifest.browser_specific_settings.gecko.id };
const kitDir = join(repoRoot, 'docs', 'family-kit');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the templates in docs/family-kit/', () => {
  const reports = checkPolicyTemplates(kitDir, context);

  test('there is one for each browser and system the family kit covers', () => {
    expect(reports.map((r) => r.file)).toEqual([
      'firefox-policies.json',
      'linux-chrome-policy.json',
      'macos-chrome.mobileconfig',
      'windows-chrome.reg',
      'windows-edge.reg',
    ]);
  });

  test.each(reports.map((r) => [r.file, r] as const))('%s: no problem, every managed key set and valid, the extension force-installed', (_file, report) => {
    expect(report.problems).toEqual([]);
    expect(Object.keys(report.settings).sort()).toEqual([...MANAGED_KEYS].sort());
    const parsed = parseManaged(report.settings);
    expect(parsed.problems).toEqual([]);
    expect(parsed.managed).toEqual(report.settings);
    expect(report.installs).toHaveLength(1);
  });

  test('every template names the id the manifest key gives (Firefox: the gecko id)', () => {
    for (const report of reports) {
      const expected = report.file.startsWith('firefox-') ? context.geckoId : context.chromeId;
      expect(report.installs[0]?.id, report.file).toBe(expected);
      expect(readFileSync(join(kitDir, report.file), 'utf8'), report.file).toContain(expected);
    }
  });

  test('install URLs are visibly placeholders until there is a store listing', () => {
    for (const report of reports) expect(new URL(report.installs[0]!.url).hostname, report.file).toBe('placeholder.invalid');
    for (const file of ['windows-chrome.reg', 'windows-edge.reg', 'macos-chrome.mobileconfig']) {
      expect(readFileSync(join(kitDir, file), 'utf8')).toContain('PLACEHOLDER');
    }
  });

  test('the Windows templates convert booleans from DWORDs as Chrome does', () => {
    const reg = reports.find((r) => r.file === 'windows-chrome.reg')!;
    expect(reg.settings.seniorMode).toBe(true);
    expect(reg.settings.disableAllowlist).toBe(false);
  });

  test('scripts/check-policy-templates.ts passes (exit code 0)', async () => {
    const run = await runMain(checkPolicyTemplatesMain, []);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(context.chromeId);
    expect(run.stdout).toContain('ok   docs/family-kit/windows-chrome.reg');
  });

  test('scripts/check-policy-templates.ts answers an unknown option with its usage', async () => {
    const run = await runMain(checkPolicyTemplatesMain, ['--fix']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('usage: npm run check-policy-templates');
  });
});

describe('the managed schema', () => {
  test('is one Chrome accepts and lists exactly the keys parseManaged knows', () => {
    expect(checkManagedSchema(schema)).toEqual([]);
  });

  const edit = (change: (s: ManagedSchema & Record<string, unknown>) => void): unknown => {
    const copy = structuredClone(schema) as ManagedSchema & Record<string, unknown>;
    change(copy);
    return copy;
  };
  test.each<[string, unknown, string]>([
    ['a $schema attribute (Chrome refuses it)', edit((s) => (s.$schema = 'http://json-schema.org/draft-07/schema#')), 'schema: Chrome does not accept the attribute "$schema"'],
    ['maxLength (Chrome refuses it)', edit((s) => (s.properties.familyContactName!.maxLength = 60)), 'schema: familyContactName: Chrome does not accept the attribute "maxLength" for type string'],
    ['additionalProperties at the top', edit((s) => (s.additionalProperties = { type: 'string' })), 'schema: the top level cannot have additionalProperties'],
    ['a key parseManaged does not know', edit((s) => (s.properties.extraPolicy = { type: 'boolean', description: 'x' })), 'differ from the keys parseManaged knows'],
    ['a key missing', edit((s) => delete s.properties.rulesFeedUrl), 'differ from the keys parseManaged knows'],
    ['a type parseManaged does not expect', edit((s) => (s.properties.seniorMode = { type: 'string', description: 'x' })), 'schema: seniorMode: parseManaged does not expect type string'],
    ['a region missing from the enum', edit((s) => s.properties.region!.enum!.pop()), 'schema: the region enum'],
    ['an enum value parseManaged refuses', edit((s) => s.properties.sensitivity!.enum!.push('paranoid')), 'parseManaged refuses the enum value "paranoid"'],
    ['a broken pattern', edit((s) => (s.properties.familyContactPhone!.pattern = '([')), 'the pattern is not a valid regular expression'],
    ['a repetition count RE2 refuses (Chrome then does not load the extension)', edit((s) => (s.properties.rulesFeedUrl!.pattern = '^https://[^\\s]{1,2040}$')), 'RE2 allows repetition counts up to 1000, not {1,2040}'],
    ['a look-ahead RE2 refuses', edit((s) => (s.properties.familyContactName!.pattern = '^(?!x).*$')), 'RE2 has no look-around'],
    ['a back-reference RE2 refuses', edit((s) => (s.properties.familyContactName!.pattern = '^(a)\\1$')), 'RE2 has no back-references'],
    ['no description', edit((s) => delete s.properties.lockSettings!.description), 'schema: lockSettings has no description'],
    ['not an object', [], 'schema: not a JSON object'],
  ])('%s is a problem', (_name, broken, message) => {
    expect(checkManagedSchema(broken).some((p) => p.includes(message))).toBe(true);
  });

  // The schema's patterns and parseManaged must agree on what a policy may hold (ASCII values:
  // parseManaged also accepts full-width digits, which the schema, like Chrome, does not).
  test.each<[string, string]>([
    ['familyContactPhone', '+86 138 0000 0000'],
    ['familyContactPhone', '(02) 9876-5432'],
    ['familyContactPhone', '110'],
    ['familyContactPhone', ''],
    ['familyContactPhone', '12'],
    ['familyContactPhone', '1-800-SCAMMER'],
    ['familyContactPhone', '12+34'],
    ['familyContactName', 'Mum'],
    ['familyContactName', ''],
    ['familyContactName', 'x'.repeat(60)],
    ['familyContactName', 'x'.repeat(61)],
    ['familyContactName', 'a\u0007b'],
    ['rulesFeedUrl', 'https://rules.example.org/feed.json'],
    ['rulesFeedUrl', 'http://localhost:8787/feed.json'],
    ['rulesFeedUrl', 'http://127.0.0.1/feed.json'],
    ['rulesFeedUrl', 'http://rules.example.org/feed.json'],
    ['rulesFeedUrl', 'ftp://rules.example.org/'],
    ['rulesFeedUrl', ''],
    ['region', 'CN'],
    ['region', 'auto'],
    ['region', 'FR'],
    ['sensitivity', 'strict'],
    ['sensitivity', 'Strict'],
  ])('%s = %j: the schema and parseManaged agree', (key, value) => {
    const bySchema = schemaProblems(schema, key, value).length === 0;
    const byParse = parseManaged({ [key]: value }).problems.length === 0;
    expect(bySchema).toBe(byParse);
  });
});

describe('templates with mistakes are caught', () => {
  const reg = readFileSync(join(kitDir, 'windows-chrome.reg'), 'utf8');
  const mobileconfig = readFileSync(join(kitDir, 'macos-chrome.mobileconfig'), 'utf8');
  const firefox = readFileSync(join(kitDir, 'firefox-policies.json'), 'utf8');
  const linux = readFileSync(join(kitDir, 'linux-chrome-policy.json'), 'utf8');
  const check = (file: string, text: string): string[] => checkPolicyTemplate(file, utf8(text), context).problems;

  test.each<[string, string, string, string]>([
    ['.reg: a misspelt policy', 'windows-chrome.reg', reg.replace('"seniorMode"', '"seniormode"'), 'seniormode: not a policy of this extension'],
    ['.reg: a boolean as 2', 'windows-chrome.reg', reg.replace('"seniorMode"=dword:00000001', '"seniorMode"=dword:00000002'), 'seniorMode: must be a boolean'],
    ['.reg: a boolean as a string', 'windows-chrome.reg', reg.replace('"seniorMode"=dword:00000001', '"seniorMode"="true"'), 'seniorMode: must be a boolean'],
    ['.reg: a region outside the directory', 'windows-chrome.reg', reg.replace('"region"="CN"', '"region"="XX"'), 'region: parseManaged: not-allowed'],
    ['.reg: another extension id', 'windows-chrome.reg', reg.replace(`"1"="${context.chromeId}`, `"1"="${'a'.repeat(32)}`), `force-installs ${'a'.repeat(32)}`],
    ['.reg: plain http update URL', 'windows-chrome.reg', reg.replace(';https://placeholder.invalid', ';http://placeholder.invalid'), 'is not https'],
    ['.reg: Edge keys in the Chrome file', 'windows-chrome.reg', reg.replaceAll('Google\\Chrome', 'Microsoft\\Edge'), 'unexpected key'],
    ['.reg: a hex value', 'windows-chrome.reg', reg.replace('"lockSettings"=dword:00000001', '"lockSettings"=hex:01'), 'unreadable'],
    ['.reg: no header', 'windows-chrome.reg', reg.replace('Windows Registry Editor Version 5.00', 'REGEDIT4'), 'unreadable'],
    ['.mobileconfig: a phone with letters', 'macos-chrome.mobileconfig', mobileconfig.replace('+86 138 0000 0000', 'call me'), 'familyContactPhone: parseManaged: invalid-phone'],
    ['.mobileconfig: a boolean as a string', 'macos-chrome.mobileconfig', mobileconfig.replace('<key>lockSettings</key>\n      <true/>', '<key>lockSettings</key>\n      <string>yes</string>'), 'lockSettings: must be a boolean'],
    ['.mobileconfig: settings under 3rdparty (read by nobody on macOS)', 'macos-chrome.mobileconfig', mobileconfig.replace(`com.google.Chrome.extensions.${context.chromeId}`, 'com.google.Chrome.3rdparty'), 'unexpected payload type'],
    ['.mobileconfig: a UUID used twice', 'macos-chrome.mobileconfig', mobileconfig.replace('C1C5B865-4BFC-4294-9470-771910ED3B0B', 'EEEAE40D-6FB5-4D79-B5AE-35D9D01D09E4'), 'PayloadUUID used twice'],
    ['.mobileconfig: broken XML', 'macos-chrome.mobileconfig', mobileconfig.replace('</dict>\n</plist>', '</plist>'), 'unreadable'],
    ['firefox: extensions in lower case', 'firefox-policies.json', firefox.replace('"Extensions"', '"extensions"'), '3rdparty.Extensions missing'],
    ['firefox: installed normally, not forced', 'firefox-policies.json', firefox.replace('force_installed', 'normal_installed'), 'installation_mode must be "force_installed"'],
    ['firefox: the Chrome id', 'firefox-policies.json', firefox.replaceAll('scam-sentinel@scam-sentinel', context.chromeId), 'ExtensionSettings["scam-sentinel@scam-sentinel"] missing'],
    ['linux: an unknown policy key', 'linux-chrome-policy.json', linux.replace('"hideProceedAnyway"', '"hideProceed"'), 'hideProceed: not a policy of this extension'],
    ['linux: a feed over http', 'linux-chrome-policy.json', linux.replace('"rulesFeedUrl": ""', '"rulesFeedUrl": "http://rules.example.org/"'), 'rulesFeedUrl: parseManaged: insecure-url'],
    ['linux: not JSON', 'linux-chrome-policy.json', linux.slice(0, -10), 'unreadable'],
    ['an unknown kind of file', 'notes.txt', 'hello', 'no checker for this kind of file'],
  ])('%s', (_name, file, text, message) => {
    const problems = check(file, text);
    expect(problems.some((p) => p.includes(message)), problems.join('\n')).toBe(true);
  });
});

describe('readRegFile', () => {
  const header = 'Windows Registry Editor Version 5.00\r\n\r\n';

  test('strings with escapes, DWORDs, comments, keys kept as written', () => {
    const file = readRegFile(`${header}; comment\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"s"="a \\"q\\" \\\\ b"\r\n"d"=dword:0000002a\r\n`);
    expect([...file.keys()]).toEqual(['HKEY_LOCAL_MACHINE\\SOFTWARE\\A']);
    expect(Object.fromEntries(file.get('HKEY_LOCAL_MACHINE\\SOFTWARE\\A')!)).toEqual({
      s: { type: 'REG_SZ', value: 'a "q" \\ b' },
      d: { type: 'REG_DWORD', value: 42 },
    });
  });

  test('a UTF-16 LE file with a byte order mark (regedit and Notepad "Unicode") with a Chinese name', () => {
    const text = `${header}[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"familyContactName"="女儿 小红"\r\n`;
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    expect(readRegFile(decodeRegFile(bytes)).get('HKEY_LOCAL_MACHINE\\SOFTWARE\\A')!.get('familyContactName')).toEqual({ type: 'REG_SZ', value: '女儿 小红' });
  });

  test.each([
    ['no header', '[HKEY_LOCAL_MACHINE\\A]\r\n'],
    ['a key deletion', `${header}[-HKEY_LOCAL_MACHINE\\A]\r\n`],
    ['a value deletion', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"x"=-\r\n`],
    ['a hex value', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"x"=hex(7):41,00\r\n`],
    ['a short DWORD', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"x"=dword:1\r\n`],
    ['an unterminated string', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"x"="abc\r\n`],
    ['an unknown escape', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"x"="a\\nb"\r\n`],
    ['a value before any key', `${header}"x"="y"\r\n`],
    ['a value set twice', `${header}[HKEY_LOCAL_MACHINE\\A]\r\n"x"="1"\r\n"x"="2"\r\n`],
    ['a key outside HKLM/HKCU', `${header}[HKEY_CLASSES_ROOT\\A]\r\n`],
  ])('refuses %s', (_name, text) => {
    expect(() => readRegFile(text)).toThrow(RegFileError);
  });

  test('invalid UTF-8 is refused rather than guessed', () => {
    expect(() => decodeRegFile(new Uint8Array([0x57, 0xff, 0xfe, 0x41]))).toThrow();
  });
});

describe('readPlist', () => {
  const wrap = (inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">${inner}</plist>`;

  test('dict, array, string, integer, real, booleans, entities and comments', () => {
    const value = readPlist(wrap(`<!-- c --><dict><key>a &amp; b</key><array><string> x &lt;y&gt; &#x4E2D;&#25991; </string><integer>-3</integer><real>1.5</real><true/><false/><string/></array><key>e</key><dict/></dict>`));
    expect(value).toEqual({ 'a & b': [' x <y> 中文 ', -3, 1.5, true, false, ''], e: {} });
  });

  test('a key named __proto__ is only a key', () => {
    const value = readPlist(wrap('<dict><key>__proto__</key><dict><key>polluted</key><true/></dict></dict>')) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['an unsupported element', wrap('<data>AAAA</data>')],
    ['CDATA', wrap('<string><![CDATA[x]]></string>')],
    ['an attribute', wrap('<string lang="en">x</string>')],
    ['an unknown entity', wrap('<string>&nbsp;</string>')],
    ['a bare &', wrap('<string>a & b</string>')],
    ['a value in place of a key', wrap('<dict><string>x</string></dict>')],
    ['a key twice', wrap('<dict><key>a</key><true/><key>a</key><false/></dict>')],
    ['a bad integer', wrap('<integer>1e3</integer>')],
    ['content after </plist>', `${wrap('<true/>')}<true/>`],
    ['no plist element', '<dict></dict>'],
    ['unclosed', '<plist version="1.0"><dict><key>a</key><true/>'],
  ])('refuses %s', (_name, xml) => {
    expect(() => readPlist(xml)).toThrow(PlistError);
  });
});
