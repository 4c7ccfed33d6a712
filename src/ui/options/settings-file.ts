// Export and import of the settings as a file (issue 5), so a family can set up a second
// computer the same way or keep a copy. The file is never trusted: it goes through the same
// field-by-field validation as the store. The PIN record is never in it (its own storage key).
// Pure: the options page reads and writes the file.
import { parseSettings, type Settings, type SettingsProblem } from '../../shared/settings';

/** Marks a file as ours, so that an unrelated JSON file is refused rather than half-applied. */
export const SETTINGS_FILE_FORMAT = 'scam-sentinel-settings';
/** Far above any real file (500 host names ≈ 20 KB); refuses a huge file before parsing it. */
export const MAX_SETTINGS_FILE_LENGTH = 256 * 1024;

/**
 * The settings as a file. Written through parseSettings, so that only known fields leave (an
 * object that picked up anything else on the way, a PIN record included, exports without it).
 */
export function exportSettings(settings: Settings): string {
  const known = parseSettings(settings).settings;
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, settings: known }, null, 2)}\n`;
}

export interface ImportedSettings {
  /** null: nothing in the file can be used; keep the current settings. */
  settings: Settings | null;
  problems: SettingsProblem[];
}

export function importSettings(text: string): ImportedSettings {
  if (text.length > MAX_SETTINGS_FILE_LENGTH) return { settings: null, problems: [{ field: 'settings', code: 'too-large' }] };
  let file: unknown;
  try {
    // A UTF-8 byte order mark is what some Windows editors put at the start of a saved file.
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { settings: null, problems: [{ field: 'settings', code: 'unreadable' }] };
  }
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    return { settings: null, problems: [{ field: 'settings', code: 'wrong-format' }] };
  }
  const { format, settings } = file as Record<string, unknown>;
  if (format !== SETTINGS_FILE_FORMAT || typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return { settings: null, problems: [{ field: 'settings', code: 'wrong-format' }] };
  }
  return parseSettings(settings);
}
