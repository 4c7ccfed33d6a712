// Trusted sites ("I trust this site"): the list, each with "Remove", and a form to add one by hand.
import { fieldHintKey, normalizeHost, SETTINGS_FIELDS } from '../../../shared/settings';
import { el } from '../../dom';
import { errorLine, guard, labelled, problemText, section, type OptionsPage } from '../options-page';

export function allowlistSection(page: OptionsPage): HTMLElement {
  const { doc, t } = page;
  const box = section(page, SETTINGS_FIELDS.allowlist.label, 'trusted');
  const s = page.inForce.settings;
  const controls: (HTMLElement & { disabled: boolean })[] = [];
  if (s.disableAllowlist) box.append(el(doc, 'p', t('options_allowlist_disabled'), 'hint'));
  box.append(el(doc, 'p', t(fieldHintKey('allowlist')), 'hint'));
  if (s.allowlist.length === 0) box.append(el(doc, 'p', t('options_no_trusted_sites')));
  const list = el(doc, 'ul', undefined, 'trusted-list');
  for (const host of s.allowlist) {
    const item = el(doc, 'li');
    const remove = el(doc, 'button', t('options_remove'));
    remove.type = 'button';
    remove.setAttribute('aria-label', `${t('options_remove')} ${host}`);
    controls.push(remove);
    remove.addEventListener('click', () => {
      void page.apply((x) => ({ ...x, allowlist: x.allowlist.filter((h) => h !== host) }), 'allowlist', null).then((ok) => ok && page.draw());
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
  const note = guard(page, controls, 'allowlist');
  const error = errorLine(doc, input);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const host = normalizeHost(input.value);
    if (host === null) {
      error.textContent = problemText(t, { code: 'invalid-host' });
      return;
    }
    void page.apply((x) => ({ ...x, allowlist: x.allowlist.includes(host) ? x.allowlist : [...x.allowlist, host] }), 'allowlist', error).then((ok) => ok && page.draw());
  });
  form.append(labelled(doc, input, t('options_add_site_label')), error, add);
  box.append(form, ...note);
  return box;
}
