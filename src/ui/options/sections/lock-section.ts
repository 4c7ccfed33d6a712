// The PIN lock: set or change the PIN, switch the lock, remove the PIN.
import { pinProblem } from '../../../shared/pin';
import { el } from '../../dom';
import { checkbox, pinForm, section, type OptionsPage } from '../options-page';

export function lockSection(page: OptionsPage): HTMLElement {
  const { doc, t, deps, inForce } = page;
  const box = section(page, 'options_pin_lock', 'lock');
  box.append(el(doc, 'p', t('options_pin_hint'), 'hint'));
  const s = inForce.settings;
  box.append(el(doc, 'p', inForce.pinSet ? `✓ ${t('options_pin_is_set')}` : t('options_pin_not_set'), 'pin-state'));
  // Policy turned the lock on, but a lock needs a PIN to mean anything: ask for one, plainly.
  if (inForce.locked.has('lock') && s.lock && !inForce.pinSet) {
    const ask = el(doc, 'p', `⚠ ${t('options_policy_needs_pin')}`, 'policy-needs-pin');
    ask.setAttribute('role', 'alert');
    box.append(ask);
  }
  const newPin = pinForm(page, inForce.pinSet ? 'options_new_pin' : 'options_choose_pin', inForce.pinSet ? 'options_change_pin' : 'options_set_pin', async (pin, error) => {
    const problem = pinProblem(pin);
    if (problem) {
      error.textContent = t(`pin_problem_${problem}`);
      return;
    }
    await deps.setPin(pin);
    if (!page.inForce.settings.lock && !page.inForce.locked.has('lock')) await page.apply((x) => ({ ...x, lock: true }), 'lock', null);
    page.say(t('options_pin_saved'));
    await page.rerender();
  });
  if (!page.unlocked) newPin.querySelectorAll('input, button').forEach((c) => ((c as HTMLInputElement).disabled = true));
  box.append(newPin);

  const lock = checkbox(page, 'lock', s.lock, (checked) => {
    void page.apply((x) => ({ ...x, lock: checked }), 'lock', null).then(() => page.rerender());
  });
  // No lock without a PIN to open it.
  if (!inForce.pinSet) lock.input.disabled = true;
  box.append(...lock.parts);

  if (inForce.pinSet && page.unlocked && !inForce.locked.has('lock')) {
    const remove = el(doc, 'button', t('options_remove_pin'));
    remove.type = 'button';
    remove.addEventListener('click', () => {
      void (async () => {
        await deps.removePin();
        await page.apply((x) => ({ ...x, lock: false }), 'lock', null);
        page.say(t('options_pin_removed'));
        await page.rerender();
      })();
    });
    box.append(remove);
  }
  return box;
}
