// Region and hotline, sensitivity, senior mode.
import { HOTLINES, REGIONS } from '../../../shared/hotlines';
import { fieldHintKey, fieldLabelKey, resolveRegion, SENSITIVITIES, type Settings } from '../../../shared/settings';
import { el } from '../../dom';
import { checkbox, guard, labelled, nextId, section, type OptionsPage } from '../options-page';

export function protectionSection(page: OptionsPage): HTMLElement {
  const { doc, t, deps } = page;
  const box = section(page, 'options_protection', 'protection');
  const s = page.inForce.settings;

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
    const h = HOTLINES[resolveRegion(page.inForce.settings, deps.timeZone, deps.locale)];
    hotline.textContent = `${t('popup_hotline')}: ${h.contacts.map((c) => `${t(c.labelKey)} ${c.phone ?? c.url ?? ''}`).join(' · ')}`;
  };
  showHotline();
  const regionNote = guard(page, [region], 'region');
  region.addEventListener('change', () => {
    void page.apply((x) => ({ ...x, region: region.value as Settings['region'] }), 'region', null).then(showHotline);
  });
  box.append(labelled(doc, region, t(fieldLabelKey('region'))), ...regionNote, hotline);

  const fieldset = el(doc, 'fieldset');
  fieldset.append(el(doc, 'legend', t(fieldLabelKey('sensitivity'))));
  const radios = SENSITIVITIES.map((level) => {
    const radio = el(doc, 'input');
    radio.type = 'radio';
    radio.name = 'sensitivity';
    radio.value = level;
    radio.checked = s.sensitivity === level;
    radio.id = nextId('sensitivity');
    radio.addEventListener('change', () => {
      if (radio.checked) void page.apply((x) => ({ ...x, sensitivity: level }), 'sensitivity', null);
    });
    const label = el(doc, 'label', `${t(`options_sensitivity_${level}`)}: ${t(`options_sensitivity_${level}_hint`)}`);
    label.htmlFor = radio.id;
    const row = el(doc, 'div', undefined, 'choice');
    row.append(radio, label);
    fieldset.append(row);
    return radio;
  });
  fieldset.append(...guard(page, radios, 'sensitivity'));
  box.append(fieldset);

  const senior = checkbox(page, 'seniorMode', s.seniorMode, (checked) => {
    void page.apply((x) => ({ ...x, seniorMode: checked }), 'seniorMode', null);
  });
  box.append(...senior.parts, el(doc, 'p', t(fieldHintKey('seniorMode')), 'hint'));
  return box;
}
