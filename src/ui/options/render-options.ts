// The options page (family setup, issue 5): region and hotline, sensitivity, senior mode, family
// contact, trusted sites, the PIN lock, rules status, and settings as a file, one file per section
// (sections/). This file holds the page's state and draws the sections in order. Pure DOM and the
// injected `deps`, so the unit tests run it under happy-dom with fakes; options.ts wires it to the
// browser. Every change is validated by settings.ts before it is saved; a value that does not
// pass is not saved and the page says why, next to the field, in words.
import { parseSettings, type Settings, type SettingsField } from '../../shared/settings';
import { el } from '../dom';
import { problemText, type OptionsDeps, type OptionsPage } from './options-page';
import { renderRulesSection } from './render-rules-section';
import { allowlistSection } from './sections/allowlist-section';
import { backupSection } from './sections/backup-section';
import { contactSection } from './sections/contact-section';
import { lockSection } from './sections/lock-section';
import { problemsSection } from './sections/problems-section';
import { protectionSection } from './sections/protection-section';
import { unlockSection } from './sections/unlock-section';

export type { OptionsDeps };
export { problemText };

export async function renderOptions(root: HTMLElement, deps: OptionsDeps): Promise<void> {
  const doc = root.ownerDocument;
  const { t } = deps;
  let inForce = await deps.load();
  let unlocked = !inForce.pinRequired;

  const status = el(doc, 'p', '', 'save-status');
  status.setAttribute('role', 'status');
  const say = (text: string): void => {
    status.textContent = text;
  };

  /** Saves run one after another, each on the result of the last: two quick changes both stick. */
  let queue: Promise<unknown> = Promise.resolve();

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

  const page: OptionsPage = {
    doc,
    t,
    deps,
    get inForce() {
      return inForce;
    },
    get unlocked() {
      return unlocked;
    },
    apply(change, field, error) {
      const run = queue.then(() => applyNow(change, field, error));
      queue = run.catch(() => undefined);
      return run;
    },
    say,
    draw,
    async rerender() {
      inForce = await deps.load();
      if (!inForce.pinRequired) unlocked = true;
      draw();
    },
    unlock() {
      unlocked = true;
    },
  };

  const rulesBox = doc.createElement('div');
  void deps.rulesStatus().then((rules) => rulesBox.replaceChildren(renderRulesSection(doc, rules, { t, locale: deps.locale, updateNow: deps.updateNow })));

  function draw(): void {
    const parts: HTMLElement[] = [el(doc, 'h1', t('options_title')), status];
    if (!unlocked) parts.push(unlockSection(page));
    if (inForce.locked.size > 0) parts.push(el(doc, 'p', `🔒 ${t('options_managed_intro')}`, 'hint'));
    parts.push(...problemsSection(page));
    parts.push(protectionSection(page), contactSection(page), allowlistSection(page), lockSection(page), rulesBox, backupSection(page));
    root.replaceChildren(...parts);
    root.dataset.ready = 'true';
    root.dataset.unlocked = String(unlocked);
  }
  draw();
}
