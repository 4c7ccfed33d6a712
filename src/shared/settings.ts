// The family settings (issue 5), described once in a field table (SETTINGS_FIELDS): each field's
// validator, default, the policy name that may set it, and the _locales keys that name it. The
// settings type and defaults, the stored object's validation (every field on its own, so that one
// bad value falls back to its default without costing the others, as Dark Reader does), the
// managed-policy merge (managed-settings.ts), the options page and its problem list all read the
// table, so adding a setting is one row. The stored object is migrated by version (refined-github).
// Pure: no browser API. The options page and the service worker do the storage I/O.
import type { Sensitivity } from '../engine/types';
import { guessRegion, isRegion, type Region } from './hotlines';

/** The version this code writes. Bump it with a new entry in MIGRATIONS. */
export const SETTINGS_VERSION = 1;

/** storage.local keys. The PIN record is kept apart so that exporting settings never exports it. */
export const SETTINGS_STORAGE_KEY = 'settings';
export const PIN_STORAGE_KEY = 'pin';
export const PIN_THROTTLE_STORAGE_KEY = 'pinThrottle';

export const SENSITIVITIES = ['relaxed', 'standard', 'strict'] as const satisfies readonly Sensitivity[];

/** 'auto': the hotline follows the browser's language and time zone (resolveRegion). */
export type RegionChoice = Region | 'auto';

// Bounds: the name and number are shown in the warning next to the hotline ("Call <name>"), so
// they must fit on one line of a large-text (senior mode) warning.
export const MAX_CONTACT_NAME_LENGTH = 60;
export const MAX_CONTACT_PHONE_LENGTH = 32;
export const MAX_ALLOWLIST_SIZE = 500;
export const MAX_FEED_URL_LENGTH = 2048;
/** DNS limit on a whole host name. */
const MAX_HOST_LENGTH = 253;


/** Codes, not sentences: the options page turns them into text from _locales. */
export type ProblemCode =
  | 'not-an-object'
  | 'missing'
  | 'wrong-type'
  | 'not-allowed'
  | 'invalid-version'
  | 'newer-version'
  | 'migration-failed'
  | 'too-long'
  | 'invalid-characters'
  | 'invalid-phone'
  | 'invalid-host'
  | 'duplicate'
  | 'too-many'
  | 'invalid-url'
  | 'insecure-url'
  | 'unknown-key'
  | 'unreadable'
  | 'too-large'
  | 'wrong-format';

export interface SettingsProblem {
  field: SettingsField;
  code: ProblemCode;
  /** For a list (the allowlist): the position of the entry at fault. */
  index?: number;
}

export interface ParsedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

// ---------------------------------------------------------------------------------------------
// Field validators: value in, valid value or a problem code out. Shared by the store, managed
// policy and import, so each rule is written once.

/**
 * A value checked: valid (a list may have had entries dropped, each with its problem), or not,
 * with the reason.
 */
export type Checked<T> = { ok: true; value: T; dropped?: { code: ProblemCode; index: number }[] } | { ok: false; code: ProblemCode };
const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (code: ProblemCode): Checked<never> => ({ ok: false, code });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkRegion(value: unknown): Checked<RegionChoice> {
  if (typeof value !== 'string') return bad('wrong-type');
  return value === 'auto' || isRegion(value) ? ok(value) : bad('not-allowed');
}

export function checkSensitivity(value: unknown): Checked<Sensitivity> {
  if (typeof value !== 'string') return bad('wrong-type');
  return (SENSITIVITIES as readonly string[]).includes(value) ? ok(value as Sensitivity) : bad('not-allowed');
}

export function checkBoolean(value: unknown): Checked<boolean> {
  return typeof value === 'boolean' ? ok(value) : bad('wrong-type');
}

// Control characters, and the bidirectional overrides and isolates that could make a name
// display as something else ("Call" text reversed); line and paragraph separators break the line.
const UNSAFE_TEXT = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The family contact's name: trimmed, inner whitespace collapsed, at most 60 characters. */
export function checkContactName(value: unknown): Checked<string> {
  if (typeof value !== 'string') return bad('wrong-type');
  // Checked before trimming: a name of 10 MB is refused without scanning it.
  if (value.length > MAX_CONTACT_NAME_LENGTH * 4) return bad('too-long');
  if (UNSAFE_TEXT.test(value.replace(/[\t\n\r]/g, ' '))) return bad('invalid-characters');
  const name = value.replace(/\s+/g, ' ').trim();
  return [...name].length > MAX_CONTACT_NAME_LENGTH ? bad('too-long') : ok(name);
}

/**
 * The family contact's phone number: digits, spaces, "-", "(", ")" and a leading "+", with 3 to
 * 20 digits ("110" is a whole number in China). NFKC first: Chinese input methods often type
 * full-width digits ("１３８"), which are the same number.
 */
export function checkContactPhone(value: unknown): Checked<string> {
  if (typeof value !== 'string') return bad('wrong-type');
  if (value.length > MAX_CONTACT_PHONE_LENGTH * 4) return bad('too-long');
  const phone = value.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (phone === '') return ok('');
  if (phone.length > MAX_CONTACT_PHONE_LENGTH) return bad('too-long');
  if (!/^\+?[0-9 ()-]+$/.test(phone)) return bad('invalid-phone');
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 3 && digits <= 20 ? ok(phone) : bad('invalid-phone');
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * A site as the allowlist keeps it: the lowercase ASCII host name that `location.hostname`
 * reports (internationalised names in punycode), without a trailing dot. Accepts a bare host
 * name or an http(s) URL (what a person pastes); null when it is neither.
 */
export function normalizeHost(value: string): string | null {
  const input = value.trim();
  if (input === '' || input.length > 2048) return null;
  let host: string;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      const url = new URL(input);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      host = url.hostname;
    } else {
      // A bare host: no path, query, credentials, port or spaces; the URL parser then does the
      // lowercasing, IDN → punycode and IPv4 canonicalisation exactly as the browser does.
      if (/[\s/?#@\\:[\]]/.test(input)) return null;
      host = new URL(`http://${input}`).hostname;
    }
  } catch {
    return null;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '' || host.length > MAX_HOST_LENGTH) return null;
  if (IPV4.test(host)) return host;
  return host.split('.').every((label) => HOST_LABEL.test(label)) ? host : null;
}

/** The allowlist, entry by entry: bad entries are dropped (each reported), duplicates merged. */
export function checkAllowlist(value: unknown): Checked<string[]> {
  if (!Array.isArray(value)) return bad('wrong-type');
  const hosts: string[] = [];
  const dropped: { code: ProblemCode; index: number }[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < value.length; index++) {
    if (hosts.length >= MAX_ALLOWLIST_SIZE) {
      // One problem for the rest, not thousands: a hostile file could hold millions of entries.
      dropped.push({ code: 'too-many', index });
      break;
    }
    const entry: unknown = value[index];
    const host = typeof entry === 'string' && entry.length <= MAX_HOST_LENGTH + 1 ? normalizeHost(entry) : null;
    if (host === null) dropped.push({ code: 'invalid-host', index });
    else if (seen.has(host)) dropped.push({ code: 'duplicate', index });
    else {
      seen.add(host);
      hosts.push(host);
    }
  }
  return { ok: true, value: hosts, dropped };
}

/**
 * The rules feed URL: https, or plain http only to this computer (127.0.0.1, localhost, [::1])
 * for `npm run rules -- serve` during development. The feed is signed, so the URL decides only
 * where it comes from, but a plain-http feed on the network could still be blocked or delayed
 * by anyone on the path. Credentials in the URL are refused: they would sit in settings exports.
 */
export function checkFeedUrl(value: unknown): Checked<string> {
  if (typeof value !== 'string') return bad('wrong-type');
  const text = value.trim();
  if (text === '') return ok('');
  if (text.length > MAX_FEED_URL_LENGTH) return bad('too-long');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('invalid-url');
  }
  if (url.username !== '' || url.password !== '') return bad('invalid-url');
  if (url.protocol === 'https:') return ok(url.href);
  if (url.protocol === 'http:') {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) ? ok(url.href) : bad('insecure-url');
  }
  return bad('invalid-url');
}

// ---------------------------------------------------------------------------------------------
// The field table: every setting, once.

/** One setting: how a value is checked, its default, who else may set it, and how the page names it. */
export interface FieldSpec<T, P extends string | null = string | null> {
  check(value: unknown): Checked<T>;
  default: T;
  /** The policy name (assets/managed_schema.json, docs/family-kit) that sets it; null: policy cannot. */
  policy: P;
  /** _locales key of its label: the options page's, and its name in a list of problems. */
  label: string;
  /** _locales key of the sentence that explains it, shown under it; null: none. */
  hint: string | null;
}

const field = <T, P extends string | null>(check: (value: unknown) => Checked<T>, value: T, policy: P, label: string, hint: string | null = null): FieldSpec<T, P> =>
  ({ check, default: value, policy, label, hint });

/**
 * Every setting, by its path in the stored object ("familyContact.name" lives inside
 * familyContact), in the order problems are listed. Policy names stay as spelt in the schema and
 * templates.
 */
export const SETTINGS_FIELDS = {
  /** Shown in warnings as "Call <name>". Phone empty = no contact (a name alone cannot be called). */
  'familyContact.name': field(checkContactName, '', 'familyContactName', 'options_contact_name'),
  'familyContact.phone': field(checkContactPhone, '', 'familyContactPhone', 'options_contact_phone'),
  /** Trusted sites: normalised lowercase host names, matched exactly (a subdomain is another site). */
  allowlist: field(checkAllowlist, [] as string[], null, 'options_trusted_sites', 'options_trusted_sites_hint'),
  region: field(checkRegion, 'auto' as RegionChoice, 'region', 'options_region'),
  sensitivity: field(checkSensitivity, 'standard' as Sensitivity, 'sensitivity', 'options_sensitivity'),
  /** Large text, high contrast, one primary action, and the PIN to trust a site or stay on a danger page. */
  seniorMode: field(checkBoolean, false, 'seniorMode', 'options_senior_mode', 'options_senior_mode_hint'),
  /** The PIN lock on settings, the allowlist and "I trust this site". Takes effect only once a PIN record exists. */
  lock: field(checkBoolean, false, 'lockSettings', 'options_lock'),
  /** Ignore the allowlist and hide "I trust this site" (for a managed browser). */
  disableAllowlist: field(checkBoolean, false, 'disableAllowlist', 'options_field_disable_allowlist'),
  /** The danger page offers only "Leave this page", no way to stay. */
  hideProceedAnyway: field(checkBoolean, false, 'hideProceedAnyway', 'options_field_hide_proceed'),
  /** Where the signed rules feed comes from; '' = the feed built into this version. */
  rulesFeedUrl: field(checkFeedUrl, '', 'rulesFeedUrl', 'options_field_feed_url'),
};

type Fields = typeof SETTINGS_FIELDS;
export type FieldName = keyof Fields;
export type FieldValue<F extends FieldName> = Fields[F]['default'];
/** A group of fields stored as one object ("familyContact"). */
type GroupName = FieldName extends infer F ? (F extends `${infer G}.${string}` ? G : never) : never;
type TopName = Exclude<FieldName, `${string}.${string}`>;
type Group<G extends string> = { [F in FieldName as F extends `${G}.${infer L}` ? L : never]: FieldValue<F> };

/** The settings, as the field table describes them. */
export type Settings = { schemaVersion: number } & { [F in TopName]: FieldValue<F> } & { [G in GroupName]: Group<G> };
export type FamilyContact = Settings['familyContact'];

/** What a problem is about: a field, a group of fields, the version, or the whole store. */
export type SettingsField = FieldName | GroupName | 'schemaVersion' | 'settings';

/** The rows of the table, typed for loops. */
export const FIELD_NAMES = Object.keys(SETTINGS_FIELDS) as FieldName[];
const specOf = (name: FieldName): FieldSpec<unknown> => SETTINGS_FIELDS[name];

/** The label of what a problem is about (every field has one; groups and the store have theirs). */
export function fieldLabelKey(field: SettingsField): string {
  if (field in SETTINGS_FIELDS) return specOf(field as FieldName).label;
  return { familyContact: 'options_family_contact', schemaVersion: 'options_field_version', settings: 'options_title' }[field as GroupName | 'schemaVersion' | 'settings'];
}

/** The hint of a field (a sentence under it), or '' when it has none. */
export const fieldHintKey = (name: FieldName): string => specOf(name).hint ?? '';

/** Reads a field by its path. */
export function fieldValue<F extends FieldName>(settings: Settings, name: F): FieldValue<F> {
  const [head, leaf] = name.split('.') as [string, string | undefined];
  const holder = settings as unknown as Record<string, Record<string, unknown>>;
  return (leaf === undefined ? holder[head] : holder[head]?.[leaf]) as FieldValue<F>;
}

/** Writes a field by its path (the settings object is changed: pass a copy). */
export function setFieldValue(settings: Settings, name: FieldName, value: unknown): void {
  const [head, leaf] = name.split('.') as [string, string | undefined];
  const holder = settings as unknown as Record<string, unknown>;
  if (leaf === undefined) holder[head] = value;
  else (holder[head] as Record<string, unknown>)[leaf] = value;
}

/** A fresh, unshared copy of the defaults. */
export function defaultSettings(): Settings {
  const settings = { schemaVersion: SETTINGS_VERSION, familyContact: {} } as Settings;
  for (const name of FIELD_NAMES) setFieldValue(settings, name, structuredClone(specOf(name).default));
  return settings;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** Frozen, nested objects included, so that no caller changes everyone's defaults; copy with defaultSettings(). */
// Pure: bundles that never read it (the content script) drop it rather than build it at every load.
export const DEFAULT_SETTINGS: Readonly<Settings> = /* @__PURE__ */ deepFreeze(/* @__PURE__ */ defaultSettings());

// ---------------------------------------------------------------------------------------------
// Migrations. MIGRATIONS[n] turns a version-n store into a version n+1 store. Each works on the
// raw stored object (no validation: that happens once, on the result) and must not throw on
// odd input; if one does, parseSettings falls back to the defaults and reports it.

export type StoredObject = Record<string, unknown>;
export type Migration = (store: StoredObject) => StoredObject;

/**
 * 0 → 1. Version 0 is a store without `schemaVersion`: written by a pre-release build, by hand,
 * or cut short before the version was written. Its fields already have version 1's names and
 * meanings, so the migration only stamps the version; field-by-field validation then keeps what
 * is valid. The entry exists so that every store, however old, goes through the same path.
 */
function migrate0to1(store: StoredObject): StoredObject {
  return { ...store, schemaVersion: 1 };
}

export const MIGRATIONS: readonly Migration[] = [migrate0to1];

export interface MigrationResult {
  store: StoredObject;
  problems: SettingsProblem[];
}

/**
 * Brings a stored object to `migrations.length` (the current version). `migrations` is a
 * parameter so that tests can prove the chaining with more steps than the product has yet.
 */
export function migrateSettings(store: StoredObject, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const target = migrations.length;
  const raw = store.schemaVersion;
  const problems: SettingsProblem[] = [];
  let version: number;
  if (raw === undefined) version = 0;
  else if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) version = raw;
  else {
    // An unreadable version: the best guess is that the fields are current; each is still checked.
    problems.push({ field: 'schemaVersion', code: 'invalid-version' });
    return { store: { ...store, schemaVersion: target }, problems };
  }
  if (version > target) {
    // Written by a newer version (the extension was rolled back): keep what this version
    // understands, field by field, rather than losing everything.
    problems.push({ field: 'schemaVersion', code: 'newer-version' });
    return { store: { ...store, schemaVersion: target }, problems };
  }
  let current = store;
  for (let v = version; v < target; v++) current = migrations[v]!(current);
  return { store: { ...current, schemaVersion: target }, problems };
}

// ---------------------------------------------------------------------------------------------
// Reading a store.

/** One field from the stored object: its value, or its default and the problem. */
function readField(source: StoredObject, key: string, name: FieldName, problems: SettingsProblem[]): unknown {
  const spec = specOf(name);
  if (!(key in source)) {
    problems.push({ field: name, code: 'missing' });
    return structuredClone(spec.default);
  }
  const result = spec.check(source[key]);
  if (!result.ok) {
    problems.push({ field: name, code: result.code });
    return structuredClone(spec.default);
  }
  for (const { code, index } of result.dropped ?? []) problems.push({ field: name, code, index });
  return result.value;
}

/**
 * Settings from whatever storage holds. Never throws: undefined (nothing stored yet) gives the
 * defaults quietly; anything else that is not an object, or that a migration chokes on, gives
 * the defaults and a problem; otherwise each field is its stored value or, if that is missing or
 * invalid, its default, with a problem per field. A group of fields that is missing or not an
 * object is one problem, and its fields keep their defaults.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings = defaultSettings();
  if (raw === undefined) return { settings, problems: [] };
  if (!isRecord(raw)) return { settings, problems: [{ field: 'settings', code: 'not-an-object' }] };

  let migrated: MigrationResult;
  try {
    migrated = migrateSettings(raw);
  } catch {
    return { settings, problems: [{ field: 'settings', code: 'migration-failed' }] };
  }
  const store = migrated.store;
  const problems = migrated.problems;
  const badGroups = new Set<string>();
  for (const name of FIELD_NAMES) {
    const [head, leaf] = name.split('.') as [string, string | undefined];
    if (leaf === undefined) {
      setFieldValue(settings, name, readField(store, head, name, problems));
      continue;
    }
    const group = store[head];
    if (!isRecord(group)) {
      if (!badGroups.has(head)) problems.push({ field: head as GroupName, code: head in store ? 'wrong-type' : 'missing' });
      badGroups.add(head);
      continue;
    }
    setFieldValue(settings, name, readField(group, leaf, name, problems));
  }
  settings.schemaVersion = SETTINGS_VERSION;
  return { settings, problems };
}

// ---------------------------------------------------------------------------------------------
// Helpers the contexts share, so that "auto" and "trusted" mean the same everywhere.

/** The region whose hotline to show: the chosen one, or the guess from time zone and language. */
export function resolveRegion(settings: Pick<Settings, 'region'>, timeZone: string | undefined, language: string | undefined): Region {
  return settings.region === 'auto' ? guessRegion(timeZone, language) : settings.region;
}

/** The family contact to offer in a warning, or null when there is no number to call. */
export function familyContactOf(settings: Pick<Settings, 'familyContact'>): FamilyContact | null {
  return settings.familyContact.phone === '' ? null : { ...settings.familyContact };
}

/** Whether the person trusted this site (exact host; never when policy disabled the allowlist). */
export function isTrustedHost(settings: Pick<Settings, 'allowlist' | 'disableAllowlist'>, host: string): boolean {
  if (settings.disableAllowlist) return false;
  const normalized = normalizeHost(host);
  return normalized !== null && settings.allowlist.includes(normalized);
}
