// The options page (family setup, issue 5): region and hotline, sensitivity, senior mode, family
// contact, trusted sites, the PIN lock, rules status, and settings as a file. Pure DOM and the
// injected `deps`, so the unit tests run it under happy-dom with fakes; options.ts wires it to the
// browser. Every change is validated by settings.ts before it is saved; a value that does not
// pass is not saved and the page says why, next to the field, in words.
import { HOTLINES, REGIONS } from '../../shared/hotlines';
import type { PinResponse } from '../../shared/messages';
import { pinProblem } from '../../shared/pin';
import type { SettingsInForce } from '../../shared/read-settings';
import type { RulesStatus } from '../../shared/rules-status';
import { exportSettings, importSettings } from './settings-file';
import { normalizeHost, parseSettings, resolveRegion, SENSITIVITIES, type Settings, type SettingsField, type SettingsProblem } from '../../shared/settings';
import { pinWaitText } from '../pin-wait-text';
import type { GetMessage } from '../rules-status-view';
import { renderRulesSection } from './render-rules-section';

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

type Doc = Document;

/** The label of each settings field, to name it in a list of problems (every field has one). */
const FIELD_LABELS: Record<SettingsField, string> = {
  region: 'options_region',
  sensitivity: 'options_sensitivity',
  seniorMode: 'options_senior_mode',
  familyContact: 'options_family_contact',
  'familyContact.name': 'options_contact_name',
  'familyContact.phone': 'options_contact_phone',
  allowlist: 'options_trusted_sites',
  lock: 'options_lock',
  disableAllowlist: 'options_field_disable_allowlist',
  hideProceedAnyway: 'options_field_hide_proceed',
  rulesFeedUrl: 'options_field_feed_url',
  schemaVersion: 'options_field_version',
  settings: 'options_title',
};

function el<K extends keyof HTMLElementTagNameMap>(doc: Doc, tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

let ids = 0;
const nextId = (prefix: string): string => `${prefix}-${++ids}`;

/** The localised sentence for a settings problem code ("invalid-phone" → problem_invalid_phone). */
export const problemText = (t: GetMessage, problem: Pick<SettingsProblem, 'code'>): string =>
  t(`problem_${problem.code.replace(/-/g, '_')}`) || t('problem_unknown');

function section(doc: Doc, headingKey: string, t: GetMessage, id: string): HTMLElement {
  const box = el(doc, 'section');
  box.id = id;
  const heading = el(doc, 'h2', t(headingKey));
  heading.id = `${id}-heading`;
  box.setAttribute('aria-labelledby', heading.id);
  box.append(heading);
  return box;
}

export async function renderOptions(root: HTMLElement, deps: OptionsDeps): Promise<void> {
  const doc = root.ownerDocument;
  const { t } = deps;
  let inForce = await deps.load();
  /** Unlocked with the PIN for as long as this page stays open. */
  let unlocked = !inForce.pinRequired;

  const status = el(doc, 'p', '', 'save-status');
  status.setAttribute('role', 'status');
  const say = (text: string): void => {
    status.textContent = text;
  };

  async function rerender(): Promise<void> {
    inForce = await deps.load();
    if (!inForce.pinRequired) unlocked = true;
    draw();
  }

  /** Saves run one after another, each on the result of the last: two quick changes both stick. */
  let queue: Promise<unknown> = Promise.resolve();

  /** Validates and saves the person's own settings with `change` applied; says how it went. */
  function apply(change: (s: Settings) => Settings, field: SettingsField, error: HTMLElement | null): Promise<boolean> {
    const run = queue.then(() => applyNow(change, field, error));
    queue = run.catch(() => undefined);
    return run;
  }

  async function applyNow(change: (s: Settings) => Settings, field: SettingsField, error: HTMLElement | null): Promise<boolean> {
    const candidate = change(structuredClone(inForce.own));
    const { settings, problems } = parseSettings(candidate);
    const mine = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`));
    if (error) error.textContent = mine.map((p) => problemText(t, p)).join(' ');
    if (mine.length > 0) {
      say(`${t('options_not_saved')} ${mine.map((p) => problemText(t, p)).join(' ')}`);
      return false;
    }
    await deps.save(settings);
    inForce = await deps.load();
    say(t('options_saved'));
    return true;
  }

  /**
   * Controls of a field that policy may lock, or that the PIN lock keeps shut until unlocked:
   * disabled; when policy set the field, a note says so and the controls point at it.
   */
  function guard(controls: (HTMLElement & { disabled: boolean })[], field: SettingsField): HTMLElement[] {
    const byPolicy = inForce.locked.has(field);
    if (byPolicy || !unlocked) for (const c of controls) c.disabled = true;
    if (!byPolicy) return [];
    const note = el(doc, 'p', `🔒 ${t('options_set_by_policy')}`, 'policy-note');
    note.id = nextId('policy');
    for (const c of controls) c.setAttribute('aria-describedby', note.id);
    return [note];
  }

  /** A checkbox for a boolean field, with its label and, when policy set it, the note. */
  function checkbox(labelKey: string, checked: boolean, field: SettingsField, onChange: (checked: boolean) => void): { input: HTMLInputElement; parts: HTMLElement[] } {
    const input = el(doc, 'input');
    input.type = 'checkbox';
    input.checked = checked;
    input.id = nextId(field);
    const note = guard([input], field);
    input.addEventListener('change', () => onChange(input.checked));
    const label = el(doc, 'label', t(labelKey));
    label.htmlFor = input.id;
    const row = el(doc, 'div', undefined, 'choice');
    row.append(input, label);
    return { input, parts: [row, ...note] };
  }

  function labelled(control: HTMLElement, labelText: string): HTMLElement {
    const wrap = el(doc, 'div', undefined, 'field');
    const label = el(doc, 'label', labelText);
    control.id ||= nextId('field');
    label.htmlFor = control.id;
    wrap.append(label, control);
    return wrap;
  }

  function errorLine(control: HTMLElement): HTMLElement {
    const line = el(doc, 'p', '', 'field-error');
    line.id = nextId('error');
    line.setAttribute('aria-live', 'polite');
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', described ? `${described} ${line.id}` : line.id);
    return line;
  }

  function protectionSection(): HTMLElement {
    const box = section(doc, 'options_protection', t, 'protection');
    const s = inForce.settings;

    const region = el(doc, 'select');
    const auto = el(doc, 'option', `${t('options_region_auto')} (${t(HOTLINES[resolveRegion({ region: 'auto' }, deps.timeZone, deps.locale)].nameKey)})`);
    auto.value = 'auto';
    region.append(auto);
    for (const code of REGIONS) {
      const option = el(doc, 'option', t(HOTLINES[code].nameKey));
      option.value = code;
      region.append(option);
    }
    region.value = s.region;
    const hotline = el(doc, 'p', '', 'hotline-preview');
    const showHotline = (): void => {
      const h = HOTLINES[resolveRegion(inForce.settings, deps.timeZone, deps.locale)];
      hotline.textContent = `${t('popup_hotline')}: ${h.contacts.map((c) => `${t(c.labelKey)} ${c.phone ?? c.url ?? ''}`).join(' · ')}`;
    };
    showHotline();
    const regionNote = guard([region], 'region');
    region.addEventListener('change', () => {
      void apply((x) => ({ ...x, region: region.value as Settings['region'] }), 'region', null).then(showHotline);
    });
    box.append(labelled(region, t('options_region')), ...regionNote, hotline);

    const fieldset = el(doc, 'fieldset');
    fieldset.append(el(doc, 'legend', t('options_sensitivity')));
    const radios = SENSITIVITIES.map((level) => {
      const radio = el(doc, 'input');
      radio.type = 'radio';
      radio.name = 'sensitivity';
      radio.value = level;
      radio.checked = s.sensitivity === level;
      radio.id = nextId('sensitivity');
      radio.addEventListener('change', () => {
        if (radio.checked) void apply((x) => ({ ...x, sensitivity: level }), 'sensitivity', null);
      });
      const label = el(doc, 'label', `${t(`options_sensitivity_${level}`)}: ${t(`options_sensitivity_${level}_hint`)}`);
      label.htmlFor = radio.id;
      const row = el(doc, 'div', undefined, 'choice');
      row.append(radio, label);
      fieldset.append(row);
      return radio;
    });
    fieldset.append(...guard(radios, 'sensitivity'));
    box.append(fieldset);

    const senior = checkbox('options_senior_mode', s.seniorMode, 'seniorMode', (checked) => {
      void apply((x) => ({ ...x, seniorMode: checked }), 'seniorMode', null);
    });
    box.append(...senior.parts, el(doc, 'p', t('options_senior_mode_hint'), 'hint'));
    return box;
  }

  function contactSection(): HTMLElement {
    const box = section(doc, 'options_family_contact', t, 'family');
    box.append(el(doc, 'p', t('options_family_contact_hint'), 'hint'));
    const contact = inForce.settings.familyContact;
    const form = el(doc, 'form');
    const name = el(doc, 'input');
    name.type = 'text';
    name.autocomplete = 'off';
    name.value = contact.name;
    const phone = el(doc, 'input');
    phone.type = 'tel';
    phone.autocomplete = 'off';
    phone.value = contact.phone;
    const nameNote = guard([name], 'familyContact.name');
    const phoneNote = guard([phone], 'familyContact.phone');
    const nameError = errorLine(name);
    const phoneError = errorLine(phone);
    const submit = el(doc, 'button', t('options_save'));
    submit.type = 'submit';
    submit.disabled = name.disabled && phone.disabled;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        const okName = await apply((x) => ({ ...x, familyContact: { ...x.familyContact, name: name.value } }), 'familyContact.name', nameError);
        if (okName) await apply((x) => ({ ...x, familyContact: { ...x.familyContact, phone: phone.value } }), 'familyContact.phone', phoneError);
      })();
    });
    form.append(labelled(name, t('options_contact_name')), ...nameNote, nameError, labelled(phone, t('options_contact_phone')), ...phoneNote, phoneError, submit);
    box.append(form);
    return box;
  }

  function allowlistSection(): HTMLElement {
    const box = section(doc, 'options_trusted_sites', t, 'trusted');
    const s = inForce.settings;
    const controls: (HTMLElement & { disabled: boolean })[] = [];
    if (s.disableAllowlist) box.append(el(doc, 'p', t('options_allowlist_disabled'), 'hint'));
    box.append(el(doc, 'p', t('options_trusted_sites_hint'), 'hint'));
    if (s.allowlist.length === 0) box.append(el(doc, 'p', t('options_no_trusted_sites')));
    const list = el(doc, 'ul', undefined, 'trusted-list');
    for (const host of s.allowlist) {
      const item = el(doc, 'li');
      const remove = el(doc, 'button', t('options_remove'));
      remove.type = 'button';
      remove.setAttribute('aria-label', `${t('options_remove')} ${host}`);
      controls.push(remove);
      remove.addEventListener('click', () => {
        void apply((x) => ({ ...x, allowlist: x.allowlist.filter((h) => h !== host) }), 'allowlist', null).then((ok) => ok && draw());
      });
      item.append(el(doc, 'span', host, 'host'), ' ', remove);
      list.append(item);
    }
    if (s.allowlist.length > 0) box.append(list);
    // Adding by hand: for a site the family knows is safe, before it is ever flagged.
    const form = el(doc, 'form');
    const input = el(doc, 'input');
    input.type = 'text';
    input.autocomplete = 'off';
    input.placeholder = 'example.com';
    const add = el(doc, 'button', t('options_add_site'));
    add.type = 'submit';
    controls.push(input, add);
    const note = guard(controls, 'allowlist');
    const error = errorLine(input);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const host = normalizeHost(input.value);
      if (host === null) {
        error.textContent = problemText(t, { code: 'invalid-host' });
        return;
      }
      void apply((x) => ({ ...x, allowlist: x.allowlist.includes(host) ? x.allowlist : [...x.allowlist, host] }), 'allowlist', error).then((ok) => ok && draw());
    });
    form.append(labelled(input, t('options_add_site_label')), error, add);
    box.append(form, ...note);
    return box;
  }

  function problemList(title: string, lines: string[]): HTMLElement {
    const box = el(doc, 'div', undefined, 'problems');
    box.setAttribute('role', 'alert');
    box.append(el(doc, 'p', `⚠ ${title}`));
    const list = el(doc, 'ul');
    for (const line of lines) list.append(el(doc, 'li', line));
    box.append(list);
    return box;
  }

  /** A settings field as the page names it: its label. */
  const fieldName = (field: SettingsField): string => t(FIELD_LABELS[field]);

  function pinForm(labelKey: string, submitKey: string, onPin: (pin: string, error: HTMLElement) => Promise<void>): HTMLFormElement {
    const form = el(doc, 'form', undefined, 'pin-form');
    const input = el(doc, 'input');
    input.type = 'password';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.maxLength = 12;
    const error = errorLine(input);
    const submit = el(doc, 'button', t(submitKey));
    submit.type = 'submit';
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const pin = input.value;
      input.value = '';
      void onPin(pin, error);
    });
    form.append(labelled(input, t(labelKey)), error, submit);
    return form;
  }



  function lockSection(): HTMLElement {
    const box = section(doc, 'options_pin_lock', t, 'lock');
    box.append(el(doc, 'p', t('options_pin_hint'), 'hint'));
    const s = inForce.settings;
    box.append(el(doc, 'p', inForce.pinSet ? `✓ ${t('options_pin_is_set')}` : t('options_pin_not_set'), 'pin-state'));
    // Policy turned the lock on, but a lock needs a PIN to mean anything: ask for one, plainly.
    if (inForce.locked.has('lock') && s.lock && !inForce.pinSet) {
      const ask = el(doc, 'p', `⚠ ${t('options_policy_needs_pin')}`, 'policy-needs-pin');
      ask.setAttribute('role', 'alert');
      box.append(ask);
    }
    const newPin = pinForm(inForce.pinSet ? 'options_new_pin' : 'options_choose_pin', inForce.pinSet ? 'options_change_pin' : 'options_set_pin', async (pin, error) => {
      const problem = pinProblem(pin);
      if (problem) {
        error.textContent = t(`pin_problem_${problem}`);
        return;
      }
      await deps.setPin(pin);
      if (!inForce.settings.lock && !inForce.locked.has('lock')) await apply((x) => ({ ...x, lock: true }), 'lock', null);
      say(t('options_pin_saved'));
      await rerender();
    });
    if (!unlocked) newPin.querySelectorAll('input, button').forEach((c) => ((c as HTMLInputElement).disabled = true));
    box.append(newPin);

    const lock = checkbox('options_lock', s.lock, 'lock', (checked) => {
      void apply((x) => ({ ...x, lock: checked }), 'lock', null).then(() => rerender());
    });
    // No lock without a PIN to open it.
    if (!inForce.pinSet) lock.input.disabled = true;
    box.append(...lock.parts);

    if (inForce.pinSet && unlocked && !inForce.locked.has('lock')) {
      const remove = el(doc, 'button', t('options_remove_pin'));
      remove.type = 'button';
      remove.addEventListener('click', () => {
        void (async () => {
          await deps.removePin();
          await apply((x) => ({ ...x, lock: false }), 'lock', null);
          say(t('options_pin_removed'));
          await rerender();
        })();
      });
      box.append(remove);
    }
    return box;
  }

  function fileSection(): HTMLElement {
    const box = section(doc, 'options_backup', t, 'backup');
    box.append(el(doc, 'p', t('options_backup_hint'), 'hint'));
    const exportButton = el(doc, 'button', t('options_export'));
    exportButton.type = 'button';
    exportButton.addEventListener('click', () => deps.download('scam-sentinel-settings.json', exportSettings(inForce.own)));
    const file = el(doc, 'input');
    file.type = 'file';
    file.accept = 'application/json,.json';
    file.disabled = !unlocked;
    const error = errorLine(file);
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      void chosen.text().then(async (text) => {
        const imported = importSettings(text);
        const problems = imported.problems.map((p) => `${fieldName(p.field)}: ${problemText(t, p)}`);
        error.textContent = problems.join(' ');
        if (imported.settings === null) {
          say(`${t('options_import_failed')} ${problems.join(' ')}`);
          return;
        }
        await deps.save(imported.settings);
        say(problems.length ? `${t('options_imported_with_problems')} ${problems.join(' ')}` : t('options_imported'));
        await rerender();
      });
    });
    box.append(exportButton, labelled(file, t('options_import')), error);
    return box;
  }

  function unlockSection(): HTMLElement {
    const box = section(doc, 'options_locked', t, 'unlock');
    box.append(el(doc, 'p', t('options_locked_hint')));
    box.append(
      pinForm('options_enter_pin', 'options_unlock', async (pin, error) => {
        const answer = await deps.verifyPin(pin);
        if (!answer.ok) {
          error.textContent = pinWaitText(t, answer.waitMs);
          return;
        }
        unlocked = true;
        say(t('options_unlocked'));
        draw();
      }),
    );
    return box;
  }

  const rulesBox = doc.createElement('div');
  void deps.rulesStatus().then((rules) => rulesBox.replaceChildren(renderRulesSection(doc, rules, { t, locale: deps.locale, updateNow: deps.updateNow })));

  function draw(): void {
    const heading = el(doc, 'h1', t('options_title'));
    const parts: HTMLElement[] = [heading, status];
    if (!unlocked) parts.push(unlockSection());
    if (inForce.locked.size > 0) parts.push(el(doc, 'p', `🔒 ${t('options_managed_intro')}`, 'hint'));
    // Nothing is dropped silently: a damaged store or a bad policy value is named, with its reason.
    if (inForce.problems.length > 0) {
      parts.push(problemList(t('options_store_problems'), inForce.problems.map((p) => `${fieldName(p.field)}: ${problemText(t, p)}`)));
    }
    if (inForce.managedProblems.length > 0) {
      parts.push(problemList(t('options_policy_problems'), inForce.managedProblems.map((p) => `${p.key}: ${problemText(t, p)}`)));
    }
    parts.push(protectionSection(), contactSection(), allowlistSection(), lockSection(), rulesBox, fileSection());
    root.replaceChildren(...parts);
    root.dataset.ready = 'true';
    root.dataset.unlocked = String(unlocked);
  }
  draw();
}
