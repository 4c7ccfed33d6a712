// Builds the popup for one tab from what the background knows: built with DOM APIs and
// textContent only, since quotes come from web pages (never innerHTML). Kept apart from the
// wiring (popup.ts) so it runs under happy-dom in unit tests with a stand-in for i18n.
import type { Level } from '../../engine/types';
import { groupFindings } from './group-findings';
import { HOTLINES, telLink, type Region } from '../../shared/hotlines';
import type { TabState, TabStateResponse } from '../../shared/messages';
import type { FamilyContact } from '../../shared/settings';
import { el, type GetMessage } from '../dom';
import { rulesStatusView } from '../rules-status-view';

export type { GetMessage };

const VERDICT_SYMBOL: Record<Level, string> = { none: '✓', caution: '⚠', danger: '⛔' };
const STEPS = ['step_stop_paying', 'step_no_codes', 'step_call_hotline', 'step_tell_family'];

function hotlineSection(doc: Document, t: GetMessage, region: Region, family: FamilyContact | null): HTMLElement {
  const hotline = HOTLINES[region];
  const section = el(doc, 'section');
  section.setAttribute('aria-labelledby', 'hotline-heading');
  const heading = el(doc, 'h2', `${t('popup_hotline')} · ${t(hotline.nameKey)}`);
  heading.id = 'hotline-heading';
  const list = el(doc, 'ul', undefined, 'contacts');
  if (family) {
    // The family contact first: the person most likely to stop a transfer in time.
    const item = el(doc, 'li', `${t('warning_call')} ${family.name || t('warning_family')}: `, 'family');
    const link = el(doc, 'a', family.phone);
    link.href = telLink(family.phone);
    item.append(link);
    list.append(item);
  }
  for (const contact of hotline.contacts) {
    const item = el(doc, 'li', `${t(contact.labelKey)}: `);
    const link = el(doc, 'a', contact.phone ?? contact.url ?? '');
    link.href = contact.phone ? telLink(contact.phone) : (contact.url ?? '');
    if (contact.url) { link.target = '_blank'; link.rel = 'noopener noreferrer'; }
    item.append(link);
    list.append(item);
  }
  section.append(heading, list);
  return section;
}

export function renderPopup(root: HTMLElement, response: TabStateResponse, t: GetMessage, region: Region, locale?: string, family: FamilyContact | null = null, now: number = Date.now()): void {
  const doc = root.ownerDocument;
  root.replaceChildren();
  root.append(el(doc, 'h1', t('ext_name')));
  const state = response.state;

  if (state === null) {
    const verdict = el(doc, 'p', t('popup_not_scanned'), 'verdict');
    verdict.dataset.level = 'unknown';
    root.append(verdict);
  } else {
    if (state.host) root.append(el(doc, 'p', state.host, 'host'));
    const verdict = el(doc, 'p', `${VERDICT_SYMBOL[state.level]} ${t(`popup_level_${state.level}`)}`, 'verdict');
    verdict.dataset.level = state.level;
    root.append(verdict);

    if (state.listed) {
      const section = el(doc, 'section', undefined, 'listed');
      const heading = el(doc, 'h2', t('popup_listed_heading'));
      heading.id = 'listed-heading';
      section.setAttribute('aria-labelledby', heading.id);
      section.append(heading, el(doc, 'p', t(`reason_listed_${state.listed.listId.replace(/[^a-z0-9]/g, '_')}`) || t('reason_listed_other')));
      root.append(section);
    }
    const groups = groupFindings(state.findings);
    if (state.level === 'none') {
      root.append(el(doc, 'p', t('popup_not_guarantee'), 'note'));
    }
    for (const group of groups) {
      const section = el(doc, 'section');
      const heading = el(doc, 'h2', t(`type_${group.type}`));
      heading.id = `type-${group.type}`;
      section.setAttribute('aria-labelledby', heading.id);
      section.append(heading);
      for (const finding of group.findings) {
        const block = el(doc, 'div', undefined, 'finding');
        // The content script sent each finding's explanation in the person's language: a rule's own
        // text, or a claim's with its quote and arithmetic. Without one, say so rather than show nothing.
        block.append(el(doc, 'p', finding.explanation || t('popup_rule_unexplained')));
        if (finding.quotes.length > 0) {
          block.append(el(doc, 'p', t('popup_quotes_label'), 'note'));
          const quotes = el(doc, 'ul', undefined, 'quotes');
          for (const quote of finding.quotes) quotes.append(el(doc, 'li', `“${quote}”`));
          block.append(quotes);
        }
        section.append(block);
      }
      root.append(section);
    }
    if (state.level !== 'none') {
      const steps = el(doc, 'section');
      const heading = el(doc, 'h2', t('popup_what_to_do'));
      heading.id = 'steps-heading';
      steps.setAttribute('aria-labelledby', heading.id);
      const list = el(doc, 'ol', undefined, 'steps');
      for (const step of STEPS) list.append(el(doc, 'li', t(step)));
      steps.append(heading, list);
      root.append(steps);
    }
  }

  root.append(hotlineSection(doc, t, region, family));
  if (state !== null && state.findings.some((f) => f.type !== 'context')) root.append(reportSection(doc, t, state, response.rules.version));
  const footer = el(doc, 'footer');
  footer.setAttribute('aria-label', t('rules_heading'));
  footer.append(rulesStatusView(doc, response.rules, t, locale, now));
  root.append(footer);
}

/** The whole of a mistake report: the rule ids and the site's host name, nothing else. */
export function mistakeReport(state: TabState, rulesVersion: number): string {
  const rules = [...new Set(state.findings.filter((f) => f.type !== 'context').map((f) => f.ruleId))].sort();
  return `Scam Sentinel mistake report\nsite: ${state.host}\nrules: ${rules.join(', ')}\nrules version: ${rulesVersion}`;
}

/**
 * "Report a mistake": only when the person asks, it first shows exactly what the report holds
 * (rule ids and host), then opens it in their own email app, where they choose to send it or
 * not. The extension itself sends nothing.
 */
function reportSection(doc: Document, t: GetMessage, state: TabState, rulesVersion: number): HTMLElement {
  const section = el(doc, 'section');
  const toggle = el(doc, 'button', t('popup_report_mistake'));
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'report');
  const details = el(doc, 'div');
  details.id = 'report';
  details.hidden = true;
  const report = mistakeReport(state, rulesVersion);
  const preview = el(doc, 'pre', report, 'report');
  const open = el(doc, 'a', t('popup_report_open'));
  open.href = `mailto:?subject=${encodeURIComponent('Scam Sentinel: mistake report')}&body=${encodeURIComponent(report)}`;
  details.append(el(doc, 'p', t('popup_report_contains')), preview, el(doc, 'p', t('popup_report_nothing_sent'), 'note'), open);
  toggle.addEventListener('click', () => {
    details.hidden = !details.hidden;
    toggle.setAttribute('aria-expanded', String(!details.hidden));
  });
  section.append(toggle, details);
  return section;
}
