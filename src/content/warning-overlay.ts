// The warning drawn on a page: a quiet banner for caution, a blocking dialog for danger with
// "Leave this page" as the default, focused action. It lives in a closed shadow root, built with
// DOM APIs and textContent only, in the browser's top layer (dialog.showModal / popover), and it
// comes back if the page removes it or tampers with its host (as Bitwarden's inline menu does).
// The page can neither read into it (closed root), restyle it (:host rules marked !important win
// over the page's own !important), cover it (top layer) nor make it go away.

import type { Translate } from '../shared/explanation-text';
import { el } from '../ui/dom';
import { HOST_TAG } from './warning-host';

export interface WarningReason {
  text: string;
  quotes: string[];
}

export interface WarningContact {
  label: string;
  text: string;
  href: string;
}

export interface WarningContent {
  level: 'caution' | 'danger';
  reasons: WarningReason[];
  contacts: WarningContact[];
  /** Senior mode: large text, plain words, one primary action (issue 5). */
  senior?: boolean;
  /**
   * "I trust this site" on a danger warning: shown and acting at once ('direct'), shown and asking
   * for the PIN on an extension page ('pin'), or not offered ('hidden').
   */
  trust?: 'direct' | 'pin' | 'hidden';
}

export interface WarningActions {
  leave(): void;
  /** "Why am I seeing this?": also brings the highlighted phrases into view. */
  why(): void;
  /** "I trust this site" (danger) or "Dismiss" (caution). */
  trust(): void;
  /** The page keeps removing, hiding or covering the warning: show it as a page of its own. */
  escalate?(): void;
}

/** _locales lookup (browser.i18n.getMessage), with substitutions for messages that take them. */
export type { Translate };

export { HOST_TAG, isOwnNode } from './warning-host';

// Set by the build (vite.config.ts): true only in the accessibility-test build, whose open root
// lets axe-core read the warning. Release builds are compiled with `false`: the root is closed.
declare const __SCAM_SENTINEL_TEST_HOOKS__: boolean | undefined;
const SHADOW_MODE: ShadowRootMode = typeof __SCAM_SENTINEL_TEST_HOOKS__ !== 'undefined' && __SCAM_SENTINEL_TEST_HOOKS__ ? 'open' : 'closed';

const STYLE = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: auto !important;
  width: 0 !important; height: 0 !important; opacity: 1 !important; visibility: visible !important;
  transform: none !important; filter: none !important; clip-path: none !important; z-index: 2147483647 !important; }
* { box-sizing: border-box; }
.panel { font: 18px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1b1b1b; background: #fff; border: 3px solid currentColor; }
dialog.panel { width: min(40rem, calc(100vw - 2rem)); max-height: calc(100vh - 2rem); overflow: auto;
  padding: 1.25rem 1.5rem; border-radius: 0.75rem; color: #8c1d18; margin: auto; inset: 0; position: fixed; }
dialog.panel:popover-open { display: block; }
dialog::backdrop { background: rgba(20, 0, 0, 0.82); }
.banner { position: fixed; inset: 0 0 auto 0; margin: 0; width: 100%; padding: 0.6rem 1rem; border-width: 0 0 3px 0;
  color: #5c3b00; background: #fff4d6; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
h2 { margin: 0 0 0.5rem; font-size: 1.4em; }
.banner h2 { font-size: 1em; margin: 0; }
p, li { color: #1b1b1b; }
.banner p { margin: 0; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0 0.5rem; }
button { font: inherit; font-weight: 700; padding: 0.55em 1em; border-radius: 0.5em; border: 2px solid #1b1b1b;
  background: #fff; color: #1b1b1b; cursor: pointer; }
button.primary { background: #8c1d18; border-color: #8c1d18; color: #fff; }
button:focus-visible, a:focus-visible { outline: 3px solid #1a56db; outline-offset: 3px; }
a { color: #0b3d91; font-weight: 700; }
.why { margin: 0.5rem 0 0; padding-left: 1.2em; }
.senior { font-size: 22px; line-height: 1.55; }
.senior h2 { font-size: 1.5em; }
.senior button { padding: 0.7em 1.2em; }
.senior button.primary { font-size: 1.15em; }
.quote { font-weight: 700; }
@media (prefers-color-scheme: dark) {
  .panel { background: #1e1e1e; }
  p, li, button { color: #f1f1f1; }
  button { background: #1e1e1e; border-color: #f1f1f1; }
  button.primary { background: #ffb4ab; border-color: #ffb4ab; color: #3d1512; }
  a { color: #a8c7fa; }
  .banner { background: #3a2c0b; color: #ffd27a; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;

function reasonsList(doc: Document, reasons: WarningReason[], t: Translate): HTMLUListElement {
  const list = el(doc, 'ul', undefined, 'why');
  for (const reason of reasons) {
    const item = el(doc, 'li', reason.text);
    if (reason.quotes.length > 0) {
      item.append(el(doc, 'br'), el(doc, 'span', `${t('popup_quotes_label')} `));
      item.append(el(doc, 'span', reason.quotes.map((q) => `“${q}”`).join('  '), 'quote'));
    }
    list.append(item);
  }
  return list;
}

function contactsParagraph(doc: Document, contacts: WarningContact[], t: Translate): HTMLParagraphElement {
  const p = el(doc, 'p', `${t('popup_hotline')}: `);
  contacts.forEach((c, i) => {
    if (i > 0) p.append(' · ');
    const a = el(doc, 'a', `${c.label} ${c.text}`);
    a.href = c.href;
    if (!c.href.startsWith('tel:')) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    p.append(a);
  });
  return p;
}

/** A "Why am I seeing this?" button that shows the reasons, in the same panel. */
function whyToggle(doc: Document, reasons: HTMLUListElement, t: Translate, actions: WarningActions): HTMLButtonElement {
  const button = el(doc, 'button', t('warning_why'));
  button.type = 'button';
  reasons.hidden = true;
  reasons.id = 'reasons';
  button.setAttribute('aria-controls', 'reasons');
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', () => {
    reasons.hidden = !reasons.hidden;
    button.setAttribute('aria-expanded', String(!reasons.hidden));
    if (!reasons.hidden) actions.why();
  });
  return button;
}

/** Only a person's own click or key press counts: never an event a page script made up. */
function onActivate(button: HTMLButtonElement, run: () => void): void {
  button.addEventListener('click', (event) => {
    if (event.isTrusted) run();
  });
}

function buildDanger(doc: Document, content: WarningContent, t: Translate, actions: WarningActions, close: () => void): HTMLDialogElement {
  const senior = content.senior === true;
  const dialog = el(doc, 'dialog', undefined, senior ? 'panel senior' : 'panel');
  // Shown as a popover, not with showModal() (mountWarning): it says itself that it is modal.
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'title');
  dialog.setAttribute('aria-describedby', 'summary');
  const title = el(doc, 'h2', `⚠ ${t(senior ? 'warning_danger_title_senior' : 'warning_danger_title')}`);
  title.id = 'title';
  const summary = el(doc, 'p', t(senior ? 'warning_danger_body_senior' : 'warning_danger_body'));
  summary.id = 'summary';
  const leave = el(doc, 'button', t('warning_leave'), 'primary');
  leave.type = 'button';
  leave.autofocus = true;
  onActivate(leave, () => actions.leave());
  const reasons = reasonsList(doc, content.reasons, t);
  const actionsRow = el(doc, 'div', undefined, 'actions');
  actionsRow.append(leave, whyToggle(doc, reasons, t, actions));
  const mode = content.trust ?? 'direct';
  if (mode !== 'hidden') {
    const trust = el(doc, 'button', t(mode === 'pin' ? 'warning_trust_pin' : 'warning_trust'));
    trust.type = 'button';
    // With a PIN, the warning stays until the PIN page trusts the site (the content script then
    // removes it); the page must not be left open by this click alone.
    onActivate(trust, () => {
      actions.trust();
      if (mode === 'direct') close();
    });
    actionsRow.append(trust);
  }
  dialog.append(title, summary, actionsRow, reasons, contactsParagraph(doc, content.contacts, t));
  // Escape never dismisses a danger warning: the choice must be made with a button.
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  return dialog;
}

function buildCaution(doc: Document, content: WarningContent, t: Translate, actions: WarningActions, close: () => void): HTMLElement {
  const banner = el(doc, 'div', undefined, content.senior ? 'panel banner senior' : 'panel banner');
  banner.setAttribute('role', 'region');
  banner.setAttribute('aria-labelledby', 'title');
  const title = el(doc, 'h2', `⚠ ${t('warning_caution_title')}`);
  title.id = 'title';
  const dismiss = el(doc, 'button', t('warning_dismiss'));
  dismiss.type = 'button';
  onActivate(dismiss, () => { actions.trust(); close(); });
  const reasons = reasonsList(doc, content.reasons, t);
  banner.append(title, whyToggle(doc, reasons, t, actions), dismiss, reasons, contactsParagraph(doc, content.contacts, t));
  banner.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { actions.trust(); close(); }
  });
  return banner;
}

export interface MountedWarning {
  readonly level: 'caution' | 'danger';
  remove(): void;
}

/** The page fights the warning this many times in a minute: the warning takes the whole tab. */
export const MAX_FIGHTS_PER_MINUTE = 3;
/** How often the warning checks that it is still seen while it is up (cheap: one hit test). */
const CHECK_MS = 1000;

export function mountWarning(doc: Document, content: WarningContent, t: Translate, actions: WarningActions): MountedWarning {
  const view = doc.defaultView ?? window;
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: SHADOW_MODE });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  let removed = false;
  let guard: MutationObserver | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const cleanups: (() => void)[] = [];
  const remove = (): void => {
    removed = true;
    guard?.disconnect();
    if (timer !== null) clearInterval(timer);
    for (const cleanup of cleanups) cleanup();
    host.remove();
  };
  const panel = content.level === 'danger' ? buildDanger(doc, content, t, actions, remove) : buildCaution(doc, content, t, actions, remove);
  root.append(panel);
  doc.documentElement.append(host);

  // Both levels go to the top layer as manual popovers: above anything the page stacks, closed by
  // no light dismiss, and, unlike a modal dialog, without making the page inert, which restyles
  // every element of the document in one task (issue 11: 367-450 ms on a page of 100,000
  // elements). The danger dialog blocks the page with its own backdrop and keeps focus itself.
  const isOpen = (): boolean => {
    try {
      return panel.matches(':popover-open');
    } catch {
      return panel instanceof HTMLDialogElement ? panel.open : true;
    }
  };
  const show = (): void => {
    if (typeof panel.showPopover !== 'function') {
      // Browsers without popovers: a modal dialog for danger, a fixed banner for caution.
      if (panel instanceof HTMLDialogElement && !panel.open) panel.showModal();
      return;
    }
    panel.setAttribute('popover', 'manual');
    if (!isOpen()) panel.showPopover();
  };
  /** Shows it again on top of whatever the page opened in the top layer since. */
  const raise = (): void => {
    if (typeof panel.hidePopover === 'function' && isOpen()) panel.hidePopover();
    show();
    if (content.level === 'danger') focusFirst();
  };
  // Without scrolling: the panel is fixed in the top layer, and a focus() that may scroll lays out
  // the whole page in this task (19 ms of a 48 ms task on a page of 100,000 elements).
  const focusFirst = (): void => panel.querySelector<HTMLButtonElement>('button.primary')?.focus({ preventScroll: true });
  // Opened in a task of its own: showPopover() lays out the page, and building the panel and laying
  // out a page of 100,000 elements in one task came to 40-48 ms (issue 11: no task of 50 ms).
  let opened = false;
  const open = (): void => {
    if (opened || removed || escalated) return;
    opened = true;
    show();
    if (content.level === 'danger') focusFirst();
  };
  requestAnimationFrame(() => setTimeout(open, 0));
  setTimeout(open, 250);
  panel.addEventListener('close', () => {
    if (!removed) show();
  });

  // A page that keeps removing, hiding or covering the warning is answered once or twice in
  // place; then the warning takes the whole tab, an extension page no page script can touch.
  let fights = 0;
  let windowStart = Date.now();
  let escalated = false;
  const fight = (): void => {
    if (Date.now() - windowStart > 60_000) { windowStart = Date.now(); fights = 0; }
    if (++fights >= MAX_FIGHTS_PER_MINUTE && !escalated && actions.escalate) {
      escalated = true;
      actions.escalate();
    }
  };

  /**
   * Whether a person sees the warning: attached, open, and the topmost thing at its centre, its
   * corners and its first button (a page's own dialog or popover opened later lies above it).
   */
  const seen = (): boolean => {
    if (!host.isConnected || host.parentNode !== doc.documentElement || !isOpen()) return false;
    // A tab in the background or a window shrunk to nothing: nobody sees anything, nothing to judge.
    if (doc.visibilityState === 'hidden' || view.innerWidth < 50 || view.innerHeight < 50) return true;
    const rect = panel.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) return false;
    const button = panel.querySelector('button')?.getBoundingClientRect();
    const points: [number, number][] = [
      [rect.left + rect.width / 2, rect.top + rect.height / 2],
      [rect.left + 8, rect.top + 8],
      [rect.right - 8, rect.top + 8],
      [rect.left + 8, rect.bottom - 8],
      [rect.right - 8, rect.bottom - 8],
    ];
    if (button && button.width > 0) points.push([button.left + button.width / 2, button.top + button.height / 2]);
    for (const [px, py] of points) {
      const x = Math.min(Math.max(px, 0), view.innerWidth - 1);
      const y = Math.min(Math.max(py, 0), view.innerHeight - 1);
      if (doc.elementFromPoint(x, y) !== host) return false;
    }
    const html = view.getComputedStyle(doc.documentElement);
    return parseFloat(html.opacity) >= 0.1 && html.visibility !== 'hidden' && html.contentVisibility !== 'hidden';
  };
  let checkQueued = false;
  const checkSoon = (): void => {
    if (checkQueued) return;
    checkQueued = true;
    setTimeout(() => {
      checkQueued = false;
      check();
    }, 0);
  };
  const check = (): void => {
    if (removed || escalated || !opened) return;
    if (seen()) return;
    fight();
    restore();
  };

  // Put it back if the page removes the host or changes its attributes.
  const restore = (): void => {
    for (const attribute of Array.from(host.attributes)) host.removeAttribute(attribute.name);
    if (!host.isConnected || host.parentNode !== doc.documentElement) doc.documentElement.append(host);
    raise();
  };
  guard = new MutationObserver((records) => {
    if (removed) return;
    const attributes = Array.from(host.attributes);
    const tampered = !(host.isConnected && host.parentNode === doc.documentElement && attributes.length === 0);
    // The page opened a dialog or a popover of its own (the `open` attribute of a dialog, or
    // anything with `popover`): it may now cover the warning; look once the page is done.
    const opened = records.some((r) => r.type === 'attributes' && r.target !== host);
    if (tampered) {
      fight();
      restore();
    } else if (opened) checkSoon();
  });
  guard.observe(doc.documentElement, { childList: true });
  guard.observe(host, { attributes: true });
  guard.observe(doc.documentElement, { subtree: true, attributes: true, attributeFilter: ['open', 'popover', 'style', 'class', 'hidden'] });
  // Popovers open without an attribute change; their toggle events are seen on the way down.
  const onToggle = (event: Event): void => {
    if (event.target !== host) checkSoon();
  };
  doc.addEventListener('toggle', onToggle, true);
  cleanups.push(() => doc.removeEventListener('toggle', onToggle, true));
  if (content.level === 'danger') {
    // The page behind is not inert (see above): keyboard focus stays in the warning.
    const onFocus = (event: FocusEvent): void => {
      if (!removed && event.target !== host) focusFirst();
    };
    doc.addEventListener('focusin', onFocus, true);
    cleanups.push(() => doc.removeEventListener('focusin', onFocus, true));
  }
  timer = setInterval(check, CHECK_MS);

  return { level: content.level, remove };
}
