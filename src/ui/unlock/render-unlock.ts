// "I trust this site" with the PIN (issue 5). The warning on the page cannot ask for the PIN
// (the page could read or fake it), so the background opens this extension page instead. It says
// plainly why the PIN exists, and who may be behind a request to enter it.
import type { PinResponse } from '../../shared/messages';
import { normalizeHost } from '../../shared/settings';
import { pinWaitText } from '../pin-wait-text';
import { el, type GetMessage } from '../dom';

export interface UnlockDeps {
  t: GetMessage;
  trust(host: string, pin: string): Promise<PinResponse>;
  /** Closes this tab (after success, or "Cancel"). */
  close(): void;
}

export function renderUnlock(root: HTMLElement, hostParam: string | null, deps: UnlockDeps): void {
  const doc = root.ownerDocument;
  const { t } = deps;
  const text = (tag: keyof HTMLElementTagNameMap, value: string, className?: string): HTMLElement => el(doc, tag, value, className);
  const host = hostParam === null ? null : normalizeHost(hostParam);
  root.replaceChildren(text('h1', t('unlock_title')));
  if (host === null) {
    root.append(text('p', t('unlock_no_site')));
    return;
  }
  const site = text('p', host, 'host');
  const warning = text('p', `⚠ ${t('unlock_scam_warning')}`, 'unlock-warning');
  const form = doc.createElement('form');
  const label = doc.createElement('label');
  label.textContent = t('options_enter_pin');
  label.htmlFor = 'pin';
  const input = doc.createElement('input');
  input.id = 'pin';
  input.type = 'password';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  input.maxLength = 12;
  const status = text('p', '', 'field-error');
  status.setAttribute('role', 'status');
  input.setAttribute('aria-describedby', 'unlock-status');
  status.id = 'unlock-status';
  const submit = doc.createElement('button');
  submit.type = 'submit';
  submit.textContent = t('unlock_trust');
  const cancel = doc.createElement('button');
  cancel.type = 'button';
  cancel.textContent = t('unlock_cancel');
  cancel.addEventListener('click', () => deps.close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pin = input.value;
    input.value = '';
    submit.disabled = true;
    void deps
      .trust(host, pin)
      .then((answer) => {
        if (answer.ok) {
          status.className = 'done';
          status.textContent = `✓ ${t('unlock_done')}`;
          form.hidden = true;
          setTimeout(() => deps.close(), 1500);
          return;
        }
        status.textContent = pinWaitText(t, answer.waitMs);
        // No typing while the wait lasts: the background would refuse every try anyway.
        if (answer.waitMs > 0) {
          input.disabled = true;
          setTimeout(() => {
            input.disabled = false;
            submit.disabled = false;
            input.focus();
          }, answer.waitMs);
          return;
        }
        submit.disabled = false;
        input.focus();
      })
      .catch(() => {
        status.textContent = t('feed_error_network');
        submit.disabled = false;
      });
  });
  const field = doc.createElement('div');
  field.className = 'field';
  field.append(label, input);
  const actions = doc.createElement('div');
  actions.className = 'actions';
  actions.append(submit, cancel);
  form.append(field, status, actions);
  root.append(text('p', t('unlock_intro')), site, warning, form);
  input.focus();
  root.dataset.ready = 'true';
}
