// Nothing is dropped silently: a damaged store or a bad policy value is named, each with its reason,
// the field named by its label in the settings' field table.
import { el } from '../../dom';
import { fieldName, problemText, type OptionsPage } from '../options-page';

function problemList(doc: Document, title: string, lines: string[]): HTMLElement {
  const box = el(doc, 'div', undefined, 'problems');
  box.setAttribute('role', 'alert');
  box.append(el(doc, 'p', `⚠ ${title}`));
  const list = el(doc, 'ul');
  for (const line of lines) list.append(el(doc, 'li', line));
  box.append(list);
  return box;
}

export function problemsSection(page: OptionsPage): HTMLElement[] {
  const { doc, t, inForce } = page;
  const parts: HTMLElement[] = [];
  if (inForce.problems.length > 0) {
    parts.push(problemList(doc, t('options_store_problems'), inForce.problems.map((p) => `${fieldName(t, p.field)}: ${problemText(t, p)}`)));
  }
  if (inForce.managedProblems.length > 0) {
    parts.push(problemList(doc, t('options_policy_problems'), inForce.managedProblems.map((p) => `${p.key}: ${problemText(t, p)}`)));
  }
  return parts;
}
