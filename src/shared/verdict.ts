// What the person sees on a page, decided once, here, from a few facts: the level of the page's
// text (the scanner's, at the person's sensitivity), what the background knows about the site
// (on a known-scam-site list? acknowledged this session?), what the person acknowledged on this
// page, and the settings in force (trusted sites, how "I trust this site" works). The content
// script shows the verdict at once from what it knows locally and decides again when the
// background answers; the background uses pageLevel for the badge, so "a listed site is
// dangerous" is written once. Pure: a table of cases in tests/unit/verdict.test.ts.
import { higherLevel, levelRank, type Level } from '../engine/types';
import type { ListedSite, PageResultResponse } from './messages';
import { trustMode, type SettingsInForce, type TrustMode } from './read-settings';
import { isTrustedHost } from './settings';
import { pageLevel } from './page-level';

export { pageLevel };

/** What only the background knows about the site: its answer to the page result. */
export type SiteAnswer = PageResultResponse;

export interface VerdictInput {
  /** The level of the page's text. */
  textLevel: Level;
  /** The page's host (location.hostname). */
  host: string;
  /** The background's answer, or null while it has not answered (or never will). */
  site: SiteAnswer | null;
  /** The highest level the person acknowledged on this page since it loaded. */
  acknowledged: Level;
  /** The settings in force, or null while they are unread (then the defaults hold). */
  settings: Pick<SettingsInForce, 'settings' | 'pinSet' | 'pinRequired'> | null;
  /**
   * The settings are the person's own, browser policy not read yet (Chromium answers
   * storage.managed seconds late after a browser start). Policy may forbid staying on a danger
   * page, so until it is known the dialog offers no way to stay.
   */
  policyPending?: boolean;
}

/** nothing; a quiet banner (caution); a blocking dialog (danger). */
export type Presentation = 'nothing' | 'banner' | 'dialog';

export interface Verdict {
  /** The page's level (pageLevel), whatever is shown: the badge and the popup say it. */
  level: Level;
  show: Presentation;
  listed: ListedSite | null;
  /** What "I trust this site" does on the dialog. */
  trust: TrustMode;
}

export function decideWarning(input: VerdictInput): Verdict {
  const listed = input.site?.listed ?? null;
  const level = pageLevel(input.textLevel, listed);
  const trust: TrustMode = input.policyPending ? 'hidden' : input.settings ? trustMode(input.settings) : 'direct';
  const acknowledged = higherLevel(input.acknowledged, input.site?.acknowledged ?? 'none');
  const trusted = input.settings !== null && isTrustedHost(input.settings.settings, input.host);
  const quiet = level === 'none' || trusted || levelRank(level) <= levelRank(acknowledged);
  return { level, show: quiet ? 'nothing' : level === 'danger' ? 'dialog' : 'banner', listed, trust };
}
