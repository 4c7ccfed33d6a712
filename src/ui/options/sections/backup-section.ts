// Settings as a file: export (never the PIN) and import (validated field by field, each problem named).
import { el } from '../../dom';
import { exportSettings, importSettings } from '../settings-file';
import { errorLine, fieldName, labelled, problemText, section, type OptionsPage } from '../options-page';

export function backupSection(page: OptionsPage): HTMLElement {
  const { doc, t, deps } = page;
  const box = section(page, 'options_backup', 'backup');
  box.append(el(doc, 'p', t('options_backup_hint'), 'hint'));
  const exportButton = el(doc, 'button', t('options_export'));
  exportButton.type = 'button';
  exportButton.addEventListener('click', () => deps.download('scam-sentinel-settings.json', exportSettings(page.inForce.own)));
  const file = el(doc, 'input');
  file.type = 'file';
  file.accept = 'application/json,.json';
  file.disabled = !page.unlocked;
  const error = errorLine(doc, file);
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    void chosen.text().then(async (text) => {
      const imported = importSettings(text);
      const problems = imported.problems.map((p) => `${fieldName(t, p.field)}: ${problemText(t, p)}`);
      error.textContent = problems.join(' ');
      if (imported.settings === null) {
        page.say(`${t('options_import_failed')} ${problems.join(' ')}`);
        return;
      }
      await deps.save(imported.settings);
      page.say(problems.length ? `${t('options_imported_with_problems')} ${problems.join(' ')}` : t('options_imported'));
      await page.rerender();
    });
  });
  box.append(exportButton, labelled(doc, file, t('options_import')), error);
  return box;
}
