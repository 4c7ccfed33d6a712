// The PIN that opens a locked options page.
import { el } from '../../dom';
import { pinWaitText } from '../../pin-wait-text';
import { pinForm, section, type OptionsPage } from '../options-page';

export function unlockSection(page: OptionsPage): HTMLElement {
  const { doc, t, deps } = page;
  const box = section(page, 'options_locked', 'unlock');
  box.append(el(doc, 'p', t('options_locked_hint')));
  box.append(
    pinForm(page, 'options_enter_pin', 'options_unlock', async (pin, error) => {
      const answer = await deps.verifyPin(pin);
      if (!answer.ok) {
        error.textContent = pinWaitText(t, answer.waitMs);
        return;
      }
      page.unlock();
      page.say(t('options_unlocked'));
      page.draw();
    }),
  );
  return box;
}
