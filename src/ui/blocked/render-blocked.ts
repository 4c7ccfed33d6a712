// The full-tab warning (issue 11), drawn from its address (src/shared/blocked-page.ts): why the
// warning fills the tab (the page fought it, or it could not be shown on the page), the page's address, "Leave this page" first and focused, "I trust this
// site" as on the page (direct, with the PIN, or not offered), then the findings as the popup
// shows them. DOM APIs and textContent only.
import type { TrustMode } from '../../shared/read-settings';
import type { BlockedPage } from '../../shared/blocked-page';

export type GetMessage = (name: string) => string;

export interface BlockedActions {
  leave(): void;
  trust(): void;
}

export function renderBlocked(root: HTMLElement, page: BlockedPage, t: GetMessage, trust: TrustMode, actions: BlockedActions): HTMLElement {
  const doc = root.ownerDocument;
  const title = doc.createElement('h1');
  title.className = 'blocked-title';
  title.textContent = `⚠ ${t(page.why === 'unshown' ? 'blocked_title_unshown' : 'blocked_title')}`;
  const body = doc.createElement('p');
  body.textContent = t(page.why === 'unshown' ? 'blocked_body_unshown' : 'blocked_body');
  const address = doc.createElement('p');
  address.append(`${t('blocked_address')} `);
  const url = doc.createElement('span');
  url.className = 'address';
  url.textContent = page.pageUrl;
  address.append(url);
  const row = doc.createElement('div');
  row.className = 'actions';
  const leave = doc.createElement('button');
  leave.type = 'button';
  leave.className = 'primary';
  leave.textContent = t('warning_leave');
  leave.addEventListener('click', () => actions.leave());
  row.append(leave);
  if (trust !== 'hidden') {
    const trustButton = doc.createElement('button');
    trustButton.type = 'button';
    trustButton.textContent = t(trust === 'pin' ? 'warning_trust_pin' : 'warning_trust');
    trustButton.addEventListener('click', () => actions.trust());
    row.append(trustButton);
  }
  const details = doc.createElement('section');
  root.replaceChildren(title, body, address, row, details);
  leave.focus();
  return details;
}
