// The full-tab warning (issue 11): when a page keeps removing, hiding or covering the on-page
// warning, the background opens this extension page in the tab instead. What it shows travels in
// its own address (the page's address and the tab's findings), so it needs no storage and no
// message to draw. Pure: built by the background, read back by the page (src/ui/blocked).
import { parseTabState, type EscalateReason, type TabState } from './messages';

export const BLOCKED_PAGE_PATH = 'src/ui/blocked/index.html';

/** The full-tab warning's address for a page and its findings (`base`: the extension's root URL). */
export function blockedPageUrl(pageUrl: string, state: TabState, base = globalThis.location?.origin ?? '', why: EscalateReason = 'fought'): string {
  const url = new URL(`${base}/${BLOCKED_PAGE_PATH}`);
  url.searchParams.set('url', pageUrl);
  url.searchParams.set('state', JSON.stringify(state));
  if (why !== 'fought') url.searchParams.set('why', why);
  return url.href;
}

export interface BlockedPage {
  /** The page's address: kept, shown, and where "I trust this site" goes back to. */
  pageUrl: string;
  state: TabState;
  /** Why the warning fills the tab (its title and text say it). */
  why: EscalateReason;
}

/** Reads the full-tab warning's address back, validated; null when it is not one. */
export function readBlockedPageUrl(search: string): BlockedPage | null {
  const params = new URLSearchParams(search);
  const pageUrl = params.get('url') ?? '';
  if (!/^https?:\/\//.test(pageUrl)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(params.get('state') ?? '');
  } catch {
    return null;
  }
  const state = parseTabState(raw);
  return state ? { pageUrl, state, why: params.get('why') === 'unshown' ? 'unshown' : 'fought' } : null;
}
