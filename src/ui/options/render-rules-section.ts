// The options page's "Scam-detection rules" section: the status of the rules and the feed, and
// "Update now". Pure DOM (no browser API): options.ts passes in how to ask the background, so the
// unit tests drive it under happy-dom.
import type { RulesStatus } from '../../shared/rules-status';
import type { GetMessage } from '../dom';
import { rulesStatusView } from '../rules-status-view';

export interface RulesSectionDeps {
  t: GetMessage;
  locale?: string;
  /** The clock the rules' age is measured by (Date.now when not given). */
  now?: () => number;
  /** Asks the background to check the feed now; resolves with the status after the check. */
  updateNow(): Promise<RulesStatus>;
}

export function renderRulesSection(doc: Document, status: RulesStatus, deps: RulesSectionDeps): HTMLElement {
  const { t } = deps;
  const section = doc.createElement('section');
  section.id = 'rules';
  const heading = doc.createElement('h2');
  heading.id = 'rules-heading';
  heading.textContent = t('rules_heading');
  section.setAttribute('aria-labelledby', heading.id);
  const now = deps.now ?? Date.now;
  let view = rulesStatusView(doc, status, t, deps.locale, now());
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = t('rules_update_now');
  const progress = doc.createElement('p');
  progress.setAttribute('role', 'status');
  progress.className = 'progress';
  button.addEventListener('click', () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    progress.textContent = t('rules_updating');
    deps
      .updateNow()
      .then((next) => {
        const fresh = rulesStatusView(doc, next, t, deps.locale, now());
        view.replaceWith(fresh);
        view = fresh;
        progress.textContent = '';
      })
      .catch(() => {
        // The background did not answer (it is restarting): say so rather than spin for ever.
        progress.textContent = t('feed_error_network');
      })
      .finally(() => {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
  });
  const actions = doc.createElement('div');
  actions.className = 'actions';
  actions.append(button, progress);
  section.append(heading, view, actions);
  return section;
}
