// Checks the policy templates of docs/family-kit/ (issue 5): each is read the way its browser and
// operating system would read it, the managed settings for our extension are taken out, and every
// value is checked twice: against assets/managed_schema.json, as Chrome checks it before the
// extension ever sees it, and with parseManaged, as the extension checks it. The schema itself is
// checked against the attributes Chrome accepts (an unknown one stops Chrome loading the
// extension) and against the keys parseManaged knows, so the three never drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGED_KEYS, parseManaged } from '../../src/shared/managed-settings';
import { REGIONS } from '../../src/shared/hotlines';
import { SENSITIVITIES } from '../../src/shared/settings';
import { readPlist } from './read-plist';
import { decodeRegFile, readRegFile, type RegValue } from './read-reg-file';

type Json = Record<string, unknown>;

export interface PropertySchema {
  type: string;
  enum?: unknown[];
  pattern?: string;
  [attribute: string]: unknown;
}

export interface ManagedSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
}

export interface TemplateReport {
  file: string;
  /** The managed settings for our extension, as the browser would hand them to storage.managed. */
  settings: Json;
  /** The extension ids the template force-installs, with their update or install URL. */
  installs: { id: string; url: string }[];
  problems: string[];
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The attributes Chrome's policy schema parser accepts for each type (components/policy/core/
// common/schema.cc, kAttributesAndTypesFor*); anything else makes the schema, and so the
// extension, fail to load. "$schema" and "maxLength", common in JSON Schema, are not among them.
const CHROME_ATTRIBUTES: Record<string, readonly string[]> = {
  string: ['description', 'enum', 'id', 'pattern', 'sensitiveValue', 'title', 'type'],
  boolean: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  integer: ['description', 'enum', 'id', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
  number: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  object: ['additionalProperties', 'description', 'id', 'patternProperties', 'properties', 'required', 'sensitiveValue', 'title', 'type'],
};

/**
 * What Chrome's regular expression engine (RE2) refuses in a pattern that JavaScript accepts.
 * Chrome then refuses the whole schema and does not load the extension ("invalid repetition
 * size: {1,2040}" was found this way, loading the build in Chromium).
 */
export function re2Problems(pattern: string): string[] {
  const problems: string[] = [];
  for (const m of pattern.matchAll(/\{(\d+)(?:,(\d*))?\}/g)) {
    if (Number(m[1]) > 1000 || Number(m[2] ?? 0) > 1000) problems.push(`RE2 allows repetition counts up to 1000, not ${m[0]}`);
  }
  if (/\(\?[=!]|\(\?<[=!]/.test(pattern)) problems.push('RE2 has no look-around');
  if (/\\[1-9]/.test(pattern)) problems.push('RE2 has no back-references');
  return problems;
}

/** Problems with the schema itself; empty when Chrome would accept it and it matches parseManaged. */
export function checkManagedSchema(raw: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(raw)) return ['schema: not a JSON object'];
  if (raw.type !== 'object') problems.push('schema: the top level must have type "object"');
  for (const attribute of Object.keys(raw)) {
    if (!CHROME_ATTRIBUTES.object!.includes(attribute)) problems.push(`schema: Chrome does not accept the attribute "${attribute}"`);
  }
  // Chrome: "The top-level object can't have additionalProperties".
  if ('additionalProperties' in raw) problems.push('schema: the top level cannot have additionalProperties');
  const properties = raw.properties;
  if (!isRecord(properties)) return [...problems, 'schema: no properties'];

  const names = Object.keys(properties).sort();
  const known = [...MANAGED_KEYS].sort();
  if (JSON.stringify(names) !== JSON.stringify(known)) {
    problems.push(`schema: properties ${names.join(', ')} differ from the keys parseManaged knows: ${known.join(', ')}`);
  }

  for (const [name, schema] of Object.entries(properties)) {
    if (!isRecord(schema)) {
      problems.push(`schema: ${name} is not an object`);
      continue;
    }
    const type = schema.type;
    if (typeof type !== 'string' || !(type in CHROME_ATTRIBUTES) || type === 'object') {
      problems.push(`schema: ${name} has an unsupported type ${String(type)}`);
      continue;
    }
    for (const attribute of Object.keys(schema)) {
      if (!CHROME_ATTRIBUTES[type]!.includes(attribute)) problems.push(`schema: ${name}: Chrome does not accept the attribute "${attribute}" for type ${type}`);
    }
    if (typeof schema.description !== 'string' || schema.description === '') problems.push(`schema: ${name} has no description for administrators`);
    if ('enum' in schema) {
      if (!Array.isArray(schema.enum) || schema.enum.length === 0) problems.push(`schema: ${name}: enum must be a non-empty list`);
      else for (const value of schema.enum) if (!parseManaged({ [name]: value }).problems.every((p) => p.key !== name)) problems.push(`schema: ${name}: parseManaged refuses the enum value ${JSON.stringify(value)}`);
    }
    if ('pattern' in schema) {
      const pattern = String(schema.pattern);
      try {
        new RegExp(pattern, 'u');
      } catch {
        problems.push(`schema: ${name}: the pattern is not a valid regular expression`);
      }
      problems.push(...re2Problems(pattern).map((p) => `schema: ${name}: ${p}`));
    }
    // The type must be the one parseManaged expects: a value of another type is refused.
    const sample = type === 'boolean' ? 'not a boolean' : true;
    if (parseManaged({ [name]: sample }).problems[0]?.code !== 'wrong-type') problems.push(`schema: ${name}: parseManaged does not expect type ${type}`);
  }

  const region = (properties.region as PropertySchema | undefined)?.enum;
  if (JSON.stringify(region) !== JSON.stringify(['auto', ...REGIONS])) problems.push('schema: the region enum must be "auto" and every region of src/shared/hotlines.ts, in order');
  const sensitivity = (properties.sensitivity as PropertySchema | undefined)?.enum;
  if (JSON.stringify(sensitivity) !== JSON.stringify(SENSITIVITIES)) problems.push('schema: the sensitivity enum must list relaxed, standard, strict');
  return problems;
}

/** Problems with one policy value as Chrome validates it against the schema. */
export function schemaProblems(schema: ManagedSchema, key: string, value: unknown): string[] {
  const property = schema.properties[key];
  if (property === undefined) return [`${key}: not a policy of this extension`];
  const problems: string[] = [];
  if (property.type === 'boolean' && typeof value !== 'boolean') problems.push(`${key}: must be a boolean`);
  if (property.type === 'integer' && !Number.isInteger(value)) problems.push(`${key}: must be an integer`);
  if (property.type === 'string') {
    if (typeof value !== 'string') problems.push(`${key}: must be a string`);
    else {
      if (property.enum && !property.enum.includes(value)) problems.push(`${key}: ${JSON.stringify(value)} is not one of ${property.enum.join(', ')}`);
      if (property.pattern !== undefined && !new RegExp(property.pattern, 'u').test(value)) problems.push(`${key}: ${JSON.stringify(value)} does not match the schema pattern`);
    }
  }
  return problems;
}

/** Checks a template's managed settings against the schema and parseManaged. */
function checkSettings(schema: ManagedSchema, settings: Json): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(settings)) problems.push(...schemaProblems(schema, key, value));
  for (const p of parseManaged(settings).problems) problems.push(`${p.key}: parseManaged: ${p.code}`);
  if (Object.keys(settings).length === 0) problems.push('no managed settings for the extension');
  return problems;
}

/** "id;url" entries of ExtensionInstallForcelist. */
function forcelistEntries(values: unknown[], problems: string[]): { id: string; url: string }[] {
  const installs: { id: string; url: string }[] = [];
  for (const entry of values) {
    const match = typeof entry === 'string' ? /^([a-p]{32});(.+)$/.exec(entry) : null;
    if (match === null) problems.push(`ExtensionInstallForcelist: ${JSON.stringify(entry)} is not "<id>;<update URL>"`);
    else installs.push({ id: match[1]!, url: match[2]! });
  }
  return installs;
}

// Chrome converts registry values to the schema's types: a DWORD for a boolean, a string for a string.
function fromRegistry(schema: ManagedSchema, key: string, value: RegValue): unknown {
  const type = schema.properties[key]?.type;
  if (type === 'boolean' && value.type === 'REG_DWORD' && (value.value === 0 || value.value === 1)) return value.value === 1;
  return value.value;
}

const REG_VENDORS: Record<string, string> = { chrome: 'Google\\Chrome', edge: 'Microsoft\\Edge' };

function checkRegTemplate(bytes: Uint8Array, file: string, schema: ManagedSchema, chromeId: string): TemplateReport {
  const problems: string[] = [];
  const browser = /windows-(chrome|edge)\.reg$/.exec(file)?.[1];
  if (browser === undefined) return { file, settings: {}, installs: [], problems: ['a .reg template must be named windows-chrome.reg or windows-edge.reg'] };
  const root = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${REG_VENDORS[browser]!}`;
  const forcelistKey = `${root}\\ExtensionInstallForcelist`;
  const policyKey = `${root}\\3rdparty\\extensions\\${chromeId}\\policy`;
  const reg = readRegFile(decodeRegFile(bytes));
  const settings: Json = {};
  let installs: { id: string; url: string }[] = [];
  for (const [path, values] of reg) {
    if (path.toLowerCase() === forcelistKey.toLowerCase()) {
      for (const name of values.keys()) if (!/^[1-9]\d*$/.test(name)) problems.push(`ExtensionInstallForcelist: value names are 1, 2, 3…, not "${name}"`);
      installs = forcelistEntries([...values.values()].map((v) => (v.type === 'REG_SZ' ? v.value : v)), problems);
    } else if (path.toLowerCase() === policyKey.toLowerCase()) {
      for (const [name, value] of values) settings[name] = fromRegistry(schema, name, value);
    } else {
      problems.push(`unexpected key [${path}] (expected ${forcelistKey} or ${policyKey})`);
    }
  }
  return { file, settings, installs, problems: [...problems, ...checkSettings(schema, settings)] };
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

function checkMobileconfig(text: string, file: string, schema: ManagedSchema, chromeId: string): TemplateReport {
  const problems: string[] = [];
  const profile = readPlist(text);
  if (!isRecord(profile) || profile.PayloadType !== 'Configuration' || !Array.isArray(profile.PayloadContent)) {
    return { file, settings: {}, installs: [], problems: ['not a configuration profile (PayloadType Configuration with a PayloadContent array)'] };
  }
  const uuids = new Set<string>();
  const payloads: Json[] = [profile, ...(profile.PayloadContent as unknown[]).filter(isRecord)];
  for (const payload of payloads) {
    const id = String(payload.PayloadIdentifier ?? '?');
    for (const key of ['PayloadType', 'PayloadIdentifier', 'PayloadUUID', 'PayloadDisplayName']) {
      if (typeof payload[key] !== 'string' || payload[key] === '') problems.push(`payload ${id}: ${key} missing`);
    }
    if (payload.PayloadVersion !== 1) problems.push(`payload ${id}: PayloadVersion must be 1`);
    const uuid = String(payload.PayloadUUID ?? '');
    if (!UUID.test(uuid)) problems.push(`payload ${id}: PayloadUUID is not a UUID`);
    if (uuids.has(uuid)) problems.push(`payload ${id}: PayloadUUID used twice`);
    uuids.add(uuid);
  }
  let settings: Json = {};
  let installs: { id: string; url: string }[] = [];
  for (const payload of payloads.slice(1)) {
    if (payload.PayloadType === 'com.google.Chrome') {
      const list = payload.ExtensionInstallForcelist;
      if (!Array.isArray(list)) problems.push('com.google.Chrome: ExtensionInstallForcelist must be an array');
      else installs = forcelistEntries(list, problems);
    } else if (payload.PayloadType === `com.google.Chrome.extensions.${chromeId}`) {
      settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    } else {
      problems.push(`unexpected payload type ${String(payload.PayloadType)}`);
    }
  }
  return { file, settings, installs, problems: [...problems, ...checkSettings(schema, settings)] };
}

function checkLinuxJson(text: string, file: string, schema: ManagedSchema, chromeId: string): TemplateReport {
  const problems: string[] = [];
  const policy: unknown = JSON.parse(text);
  if (!isRecord(policy)) return { file, settings: {}, installs: [], problems: ['not a JSON object'] };
  for (const key of Object.keys(policy)) if (key !== 'ExtensionInstallForcelist' && key !== '3rdparty') problems.push(`unexpected policy ${key}`);
  const list = policy.ExtensionInstallForcelist;
  const installs = Array.isArray(list) ? forcelistEntries(list, problems) : [];
  if (!Array.isArray(list)) problems.push('ExtensionInstallForcelist must be an array');
  const extensions = isRecord(policy['3rdparty']) ? policy['3rdparty'].extensions : undefined;
  if (!isRecord(extensions)) problems.push('3rdparty.extensions missing');
  const settings = isRecord(extensions) && isRecord(extensions[chromeId]) ? extensions[chromeId] : {};
  if (isRecord(extensions)) for (const id of Object.keys(extensions)) if (id !== chromeId) problems.push(`3rdparty.extensions: unexpected id ${id}`);
  return { file, settings, installs, problems: [...problems, ...checkSettings(schema, settings)] };
}

function checkFirefoxPolicies(text: string, file: string, schema: ManagedSchema, geckoId: string): TemplateReport {
  const problems: string[] = [];
  const root: unknown = JSON.parse(text);
  const policies = isRecord(root) ? root.policies : undefined;
  if (!isRecord(policies)) return { file, settings: {}, installs: [], problems: ['policies.json needs a top-level "policies" object'] };
  const installs: { id: string; url: string }[] = [];
  const extensionSettings = policies.ExtensionSettings;
  const ours = isRecord(extensionSettings) ? extensionSettings[geckoId] : undefined;
  if (!isRecord(ours)) problems.push(`ExtensionSettings["${geckoId}"] missing`);
  else {
    if (ours.installation_mode !== 'force_installed') problems.push('ExtensionSettings: installation_mode must be "force_installed"');
    if (typeof ours.install_url !== 'string') problems.push('ExtensionSettings: install_url missing');
    else installs.push({ id: geckoId, url: ours.install_url });
  }
  const extensions = isRecord(policies['3rdparty']) ? policies['3rdparty'].Extensions : undefined;
  if (!isRecord(extensions)) problems.push('3rdparty.Extensions missing (Firefox spells it with a capital E)');
  const settings = isRecord(extensions) && isRecord(extensions[geckoId]) ? extensions[geckoId] : {};
  return { file, settings, installs, problems: [...problems, ...checkSettings(schema, settings)] };
}

export interface TemplateContext {
  schema: ManagedSchema;
  /** The Chrome/Edge extension id (from the manifest key). */
  chromeId: string;
  /** Firefox's id (browser_specific_settings.gecko.id). */
  geckoId: string;
}

/** One template by its file name; any error in reading it becomes a problem. */
export function checkPolicyTemplate(file: string, bytes: Uint8Array, context: TemplateContext): TemplateReport {
  const { schema, chromeId, geckoId } = context;
  let report: TemplateReport;
  try {
    const text = (): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (file.endsWith('.reg')) report = checkRegTemplate(bytes, file, schema, chromeId);
    else if (file.endsWith('.mobileconfig')) report = checkMobileconfig(text(), file, schema, chromeId);
    else if (/^linux-.*\.json$/.test(file)) report = checkLinuxJson(text(), file, schema, chromeId);
    else if (/^firefox-.*\.json$/.test(file)) report = checkFirefoxPolicies(text(), file, schema, geckoId);
    else return { file, settings: {}, installs: [], problems: ['no checker for this kind of file'] };
  } catch (error) {
    return { file, settings: {}, installs: [], problems: [`unreadable: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const expectedId = file.startsWith('firefox-') ? geckoId : chromeId;
  if (report.installs.length === 0) report.problems.push('does not force-install the extension');
  for (const { id, url } of report.installs) {
    if (id !== expectedId) report.problems.push(`force-installs ${id}, not ${expectedId}`);
    if (!url.startsWith('https://')) report.problems.push(`install or update URL ${url} is not https`);
  }
  return report;
}

/** Every file in the directory: one report each. */
export function checkPolicyTemplates(dir: string, context: TemplateContext): TemplateReport[] {
  return readdirSync(dir)
    .sort()
    .map((file) => checkPolicyTemplate(file, readFileSync(join(dir, file)), context));
}
