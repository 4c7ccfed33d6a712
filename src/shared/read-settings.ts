// The settings in force, read the same way by every context (content script, background, popup,
// options page): the person's own (storage.local, validated and migrated by settings.ts) with the
// browser policy laid over them (storage.managed, managed-settings.ts). The storage areas are
// passed in, so this stays free of browser APIs and runs in the unit tests with plain objects.
import { mergeSettings, parseManaged, type EffectiveSettings, type ManagedProblem } from './managed-settings';
import { validatePinRecord } from './pin';
import { parseSettings, PIN_STORAGE_KEY, SETTINGS_STORAGE_KEY, type Settings, type SettingsProblem } from './settings';

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
}

export interface SettingsInForce extends EffectiveSettings {
  /** The person's own settings, before policy: what the options page edits and saves. */
  own: Settings;
  /** What was wrong with the stored settings (each field fell back to its default). */
  problems: SettingsProblem[];
  managedProblems: ManagedProblem[];
  /** Whether a PIN has been set. The lock takes effect only with one. */
  pinSet: boolean;
  /** The lock is on and a PIN exists: settings, the allowlist and "I trust this site" need the PIN. */
  pinRequired: boolean;
}

export async function readSettings(local: StorageArea, managed: StorageArea | null): Promise<SettingsInForce> {
  const stored = await local.get([SETTINGS_STORAGE_KEY, PIN_STORAGE_KEY]);
  let policy: Record<string, unknown> | undefined;
  try {
    policy = managed ? await managed.get(null) : undefined;
  } catch {
    // No managed storage here (Firefox without a policy, or no schema): no policy.
    policy = undefined;
  }
  const { settings, problems } = parseSettings(stored[SETTINGS_STORAGE_KEY]);
  const { managed: managedSettings, problems: managedProblems } = parseManaged(policy);
  const effective = mergeSettings(settings, managedSettings);
  const pinSet = validatePinRecord(stored[PIN_STORAGE_KEY]) !== null;
  return { ...effective, own: settings, problems, managedProblems, pinSet, pinRequired: effective.settings.lock && pinSet };
}

/**
 * What "I trust this site" does on a danger warning (issue 5):
 * - 'hidden': no way to stay (policy hides it or switched the allowlist off; or senior mode
 *   without a PIN, where nobody could unlock it);
 * - 'pin': it opens an extension page that asks for the PIN (never the page: it cannot read it);
 * - 'direct': the site is trusted at once.
 */
export type TrustMode = 'hidden' | 'pin' | 'direct';

export function trustMode(inForce: Pick<SettingsInForce, 'settings' | 'pinSet' | 'pinRequired'>): TrustMode {
  const { settings } = inForce;
  if (settings.disableAllowlist || settings.hideProceedAnyway) return 'hidden';
  if (inForce.pinRequired || settings.seniorMode) return inForce.pinSet ? 'pin' : 'hidden';
  return 'direct';
}
