// Browser policy (issue 5): what an administrator, or a family member who manages the browser,
// sets through `storage.managed` (declared in assets/managed_schema.json). Managed values win over
// the person's own and show as locked in the options page ("set by your family or administrator").
// The browser already drops values that do not match the schema, but Firefox has no schema at all
// and policy files are written by hand, so each value is checked again with the settings' own
// validators. Pure: the service worker reads storage.managed and passes the object in.
import { FIELD_NAMES, setFieldValue, SETTINGS_FIELDS, type FieldName, type FieldValue, type ProblemCode, type Settings, type SettingsField } from './settings';

type Fields = typeof SETTINGS_FIELDS;
/** The fields that a policy may set. */
type PolicyField = { [F in FieldName]: Fields[F]['policy'] extends string ? F : never }[FieldName];
/** The policy names, as spelt in the schema and in the policy templates of docs/family-kit/. */
export type ManagedKey = Fields[PolicyField]['policy'];

/** Each policy name and the field it sets, from the settings' field table. */
const POLICIES = new Map<string, PolicyField>(
  FIELD_NAMES.flatMap((name) => {
    const policy = SETTINGS_FIELDS[name].policy;
    return policy === null ? [] : [[policy, name as PolicyField] as const];
  }),
);

export const MANAGED_KEYS: readonly ManagedKey[] = [...POLICIES.keys()] as ManagedKey[];

/** The policy values, each of its field's type. */
export type ManagedSettings = { [F in PolicyField as Fields[F]['policy']]?: FieldValue<F> };

export interface ManagedProblem {
  /** The policy name at fault; for an unknown one, its name as given (cut to 100 characters). */
  key: string;
  code: ProblemCode;
}

export interface ParsedManaged {
  managed: ManagedSettings;
  problems: ManagedProblem[];
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
    const field = POLICIES.get(key);
    if (field === undefined) {
      problems.push({ key: key.slice(0, 100), code: 'unknown-key' });
      continue;
    }
    const result = SETTINGS_FIELDS[field].check(value);
    if (result.ok) (managed as Record<string, unknown>)[key] = result.value;
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
  for (const [key, field] of POLICIES) {
    const value = (managed as Record<string, unknown>)[key];
    if (value === undefined) continue;
    locked.add(field);
    setFieldValue(settings, field, value);
  }
  // With the allowlist switched off by policy, editing it would change nothing: lock it too.
  if (managed.disableAllowlist === true) locked.add('allowlist');
  return { settings, locked };
}
