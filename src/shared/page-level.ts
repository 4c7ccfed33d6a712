// A page's level: its text's, or danger when its site is on a public list of scam sites. Written
// once (verdict.ts decides what is shown from it; the background sets the badge from it), in a
// file of its own so that the content script can ask "could anything be shown?" on every page
// without carrying the settings model that the rest of the verdict needs (issue 11).
import type { Level } from '../engine/types';
import type { ListedSite } from './messages';

/** The page's level: its text's, or danger when the site is on a public list of scam sites. */
export function pageLevel(textLevel: Level, listed: ListedSite | null): Level {
  return listed ? 'danger' : textLevel;
}
