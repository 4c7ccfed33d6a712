// What every section of the options page shares: the page's state (the settings in force, whether
// the PIN unlocked it), the one way to save a change (validated by settings.ts, queued), and the
// controls that name a field by its row in the settings' field table (label, hint, policy lock).
// Pure DOM and injected dependencies, so it runs under happy-dom in the unit tests.
import type { PinResponse } from '../../shared/messages';
import type { SettingsInForce } from '../../shared/read-settings';
import type { RulesStatus } from '../../shared/rules-status';
import { fieldLabelKey, type Settings, type SettingsField, type SettingsProblem } from '../../shared/settings';
import { el, type GetMessage } from '../dom';

export interface OptionsDeps {
  t: GetMessage;
  locale: string;
  timeZone: string;
  load(): Promise<SettingsInForce>;
  /** Saves the person's own settings (already validated). */
  save(settings: Settings): Promise<void>;
  verifyPin(pin: string): Promise<PinResponse>;
  /** Hashes and stores a new PIN (PBKDF2, pin.ts). */
  setPin(pin: string): Promise<void>;
  removePin(): Promise<void>;
  rulesStatus(): Promise<RulesStatus>;
  updateNow(): Promise<RulesStatus>;
  /** Offers text as a file to save. */
  download(name: string, text: string): void;
}

/** The page as its sections see it (render-options.ts makes it). */
export interface OptionsPage {
  doc: Document;
  t: GetMessage;
  deps: OptionsDeps;
  /** The settings in force, as last loaded. */
  readonly inForce: SettingsInForce;
  /** Unlocked with the PIN (or no PIN needed) for as long as the page stays open. */
  readonly unlocked: boolean;
  /** Validates and saves the person's own settings with `change` applied; says how it went next to the field. */
  apply(change: (s: Settings) => Settings, field: SettingsField, error: HTMLElement | null): Promise<boolean>;
  /** The status line. */
  say(text: string): void;
  /** Draws the page again from the state in hand. */
  draw(): void;
  /** Loads the settings again, then draws. */
  rerender(): Promise<void>;
  unlock(): void;
}

let ids = 0;
export const nextId = (prefix: string): string => `${prefix}-${++ids}`;

/** The localised sentence for a settings problem code ("invalid-phone" → problem_invalid_phone). */
export const problemText = (t: GetMessage, problem: Pick<SettingsProblem, 'code'>): string =>
  t(`problem_${problem.code.replace(/-/g, '_')}`) || t('problem_unknown');

/** A settings field as the page names it: its label from the field table. */
export const fieldName = (t: GetMessage, field: SettingsField): string => t(fieldLabelKey(field));

export function section(page: OptionsPage, headingKey: string, id: string): HTMLElement {
  const box = el(page.doc, 'section');
  box.id = id;
  const heading = el(page.doc, 'h2', page.t(headingKey));
  heading.id = `${id}-heading`;
  box.setAttribute('aria-labelledby', heading.id);
  box.append(heading);
  return box;
}

/**
 * Controls of a field that policy may lock, or that the PIN lock keeps shut until unlocked:
 * disabled; when policy set the field, a note says so and the controls point at it.
 */
export function guard(page: OptionsPage, controls: (HTMLElement & { disabled: boolean })[], field: SettingsField): HTMLElement[] {
  const byPolicy = page.inForce.locked.has(field);
  if (byPolicy || !page.unlocked) for (const c of controls) c.disabled = true;
  if (!byPolicy) return [];
  const note = el(page.doc, 'p', `🔒 ${page.t('options_set_by_policy')}`, 'policy-note');
  note.id = nextId('policy');
  for (const c of controls) c.setAttribute('aria-describedby', note.id);
  return [note];
}

/** A checkbox for a boolean field, labelled from the field table, with the policy note when policy set it. */
export function checkbox(page: OptionsPage, field: SettingsField, checked: boolean, onChange: (checked: boolean) => void): { input: HTMLInputElement; parts: HTMLElement[] } {
  const input = el(page.doc, 'input');
  input.type = 'checkbox';
  input.checked = checked;
  input.id = nextId(field);
  const note = guard(page, [input], field);
  input.addEventListener('change', () => onChange(input.checked));
  const label = el(page.doc, 'label', fieldName(page.t, field));
  label.htmlFor = input.id;
  const row = el(page.doc, 'div', undefined, 'choice');
  row.append(input, label);
  return { input, parts: [row, ...note] };
}

export function labelled(doc: Document, control: HTMLElement, labelText: string): HTMLElement {
  const wrap = el(doc, 'div', undefined, 'field');
  const label = el(doc, 'label', labelText);
  control.id ||= nextId('field');
  label.htmlFor = control.id;
  wrap.append(label, control);
  return wrap;
}

/** The line under a control where its problem is said; the control points at it. */
export function errorLine(doc: Document, control: HTMLElement): HTMLElement {
  const line = el(doc, 'p', '', 'field-error');
  line.id = nextId('error');
  line.setAttribute('aria-live', 'polite');
  const described = control.getAttribute('aria-describedby');
  control.setAttribute('aria-describedby', described ? `${described} ${line.id}` : line.id);
  return line;
}

/** A form that asks for a PIN; the field is emptied as soon as it is sent. */
export function pinForm(page: OptionsPage, labelKey: string, submitKey: string, onPin: (pin: string, error: HTMLElement) => Promise<void>): HTMLFormElement {
  const { doc, t } = page;
  const form = el(doc, 'form', undefined, 'pin-form');
  const input = el(doc, 'input');
  input.type = 'password';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  input.maxLength = 12;
  const error = errorLine(doc, input);
  const submit = el(doc, 'button', t(submitKey));
  submit.type = 'submit';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pin = input.value;
    input.value = '';
    void onPin(pin, error);
  });
  form.append(labelled(doc, input, t(labelKey)), error, submit);
  return form;
}
