// Browser policy (issue 5): what an administrator, or a family member who manages the browser,
// sets through `storage.managed` (declared in assets/managed_schema.json). Managed values win over
// the person's own and show as locked in the options page ("set by your family or administrator").
// The browser already drops values that do not match the schema, but Firefox has no schema at all
// and policy files are written by hand, so each value is checked again with the settings' own
// validators. Pure: the service worker reads storage.managed and passes the object in.
import {
  checkBoolean,
  checkContactName,
  checkContactPhone,
  checkFeedUrl,
  checkRegion,
  checkSensitivity,
  type ProblemCode,
  type RegionChoice,
  type Settings,
  type SettingsField,
} from './settings';
import type { Sensitivity } from '../engine/types';

/** The policy names, as spelt in the schema and in the policy templates of docs/family-kit/. */
export const MANAGED_KEYS = [
  'region',
  'sensitivity',
  'seniorMode',
  'familyContactName',
  'familyContactPhone',
  'lockSettings',
  'disableAllowlist',
  'hideProceedAnyway',
  'rulesFeedUrl',
] as const;
export type ManagedKey = (typeof MANAGED_KEYS)[number];

export interface ManagedSettings {
  region?: RegionChoice;
  sensitivity?: Sensitivity;
  seniorMode?: boolean;
  familyContactName?: string;
  familyContactPhone?: string;
  /** true: the PIN lock is on and cannot be switched off; false: it is off and cannot be switched on. */
  lockSettings?: boolean;
  disableAllowlist?: boolean;
  hideProceedAnyway?: boolean;
  rulesFeedUrl?: string;
}

export interface ManagedProblem {
  /** The policy name at fault; for an unknown one, its name as given (cut to 100 characters). */
  key: string;
  code: ProblemCode;
}

export interface ParsedManaged {
  managed: ManagedSettings;
  problems: ManagedProblem[];
}

type Check = (value: unknown) => { ok: true; value: unknown } | { ok: false; code: ProblemCode };

/** Each policy: its validator and the settings field it sets. */
const POLICIES: Record<ManagedKey, { check: Check; field: Exclude<SettingsField, 'familyContact' | 'settings' | 'schemaVersion' | 'allowlist'> }> = {
  region: { check: checkRegion, field: 'region' },
  sensitivity: { check: checkSensitivity, field: 'sensitivity' },
  seniorMode: { check: checkBoolean, field: 'seniorMode' },
  familyContactName: { check: checkContactName, field: 'familyContact.name' },
  familyContactPhone: { check: checkContactPhone, field: 'familyContact.phone' },
  lockSettings: { check: checkBoolean, field: 'lock' },
  disableAllowlist: { check: checkBoolean, field: 'disableAllowlist' },
  hideProceedAnyway: { check: checkBoolean, field: 'hideProceedAnyway' },
  rulesFeedUrl: { check: checkFeedUrl, field: 'rulesFeedUrl' },
};

function isManagedKey(key: string): key is ManagedKey {
  return Object.hasOwn(POLICIES, key);
}

/**
 * The policy values that are valid; every other one is left out (the person's own setting then
 * applies) and reported. undefined or {} (no policy) is no problem; a non-object is one.
 */
export function parseManaged(raw: unknown): ParsedManaged {
  const managed: ManagedSettings = {};
  const problems: ManagedProblem[] = [];
  if (raw === undefined || raw === null) return { managed, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { managed, problems: [{ key: '*', code: 'not-an-object' }] };
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!isManagedKey(key)) {
      problems.push({ key: key.slice(0, 100), code: 'unknown-key' });
      continue;
    }
    const result = POLICIES[key].check(value);
    if (result.ok) (managed as Record<ManagedKey, unknown>)[key] = result.value;
    else problems.push({ key, code: result.code });
  }
  return { managed, problems };
}

export interface EffectiveSettings {
  settings: Settings;
  /** Fields the options page shows as locked by policy; the person cannot change them. */
  locked: ReadonlySet<SettingsField>;
}

/** The person's settings with every managed value laid over them. Neither input is changed. */
export function mergeSettings(user: Settings, managed: ManagedSettings): EffectiveSettings {
  const settings: Settings = { ...user, familyContact: { ...user.familyContact }, allowlist: [...user.allowlist] };
  const locked = new Set<SettingsField>();
  for (const key of MANAGED_KEYS) {
    const value = managed[key];
    if (value === undefined) continue;
    const field = POLICIES[key].field;
    locked.add(field);
    switch (field) {
      case 'familyContact.name':
        settings.familyContact.name = value as string;
        break;
      case 'familyContact.phone':
        settings.familyContact.phone = value as string;
        break;
      default:
        (settings as unknown as Record<string, unknown>)[field] = value;
    }
  }
  // With the allowlist switched off by policy, editing it would change nothing: lock it too.
  if (managed.disableAllowlist === true) locked.add('allowlist');
  return { settings, locked };
}
