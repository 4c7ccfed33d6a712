// The family contact: the name and number shown in warnings ("Call Mei").
import { fieldLabelKey } from '../../../shared/settings';
import { el } from '../../dom';
import { errorLine, guard, labelled, section, type OptionsPage } from '../options-page';

export function contactSection(page: OptionsPage): HTMLElement {
  const { doc, t } = page;
  const box = section(page, 'options_family_contact', 'family');
  box.append(el(doc, 'p', t('options_family_contact_hint'), 'hint'));
  const contact = page.inForce.settings.familyContact;
  const form = el(doc, 'form');
  const name = el(doc, 'input');
  name.type = 'text';
  name.autocomplete = 'off';
  name.value = contact.name;
  const phone = el(doc, 'input');
  phone.type = 'tel';
  phone.autocomplete = 'off';
  phone.value = contact.phone;
  const nameNote = guard(page, [name], 'familyContact.name');
  const phoneNote = guard(page, [phone], 'familyContact.phone');
  const nameError = errorLine(doc, name);
  const phoneError = errorLine(doc, phone);
  const submit = el(doc, 'button', t('options_save'));
  submit.type = 'submit';
  submit.disabled = name.disabled && phone.disabled;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const okName = await page.apply((x) => ({ ...x, familyContact: { ...x.familyContact, name: name.value } }), 'familyContact.name', nameError);
      if (okName) await page.apply((x) => ({ ...x, familyContact: { ...x.familyContact, phone: phone.value } }), 'familyContact.phone', phoneError);
    })();
  });
  form.append(
    labelled(doc, name, t(fieldLabelKey('familyContact.name'))), ...nameNote, nameError,
    labelled(doc, phone, t(fieldLabelKey('familyContact.phone'))), ...phoneNote, phoneError,
    submit,
  );
  box.append(form);
  return box;
}
