// What the person sees on a page, decided by one pure function (src/shared/verdict.ts) from the
// text's level, the background's answer (or none yet), this page's acknowledgement and the
// settings in force: a table of cases.
import { describe, expect, test } from 'vitest';
import type { Level } from '../../src/engine/types';
import type { ListedSite } from '../../src/shared/messages';
import { defaultSettings, type Settings } from '../../src/shared/settings';
import { decideWarning, pageLevel, type Presentation, type SiteAnswer, type VerdictInput } from '../../src/shared/verdict';
import type { TrustMode } from '../../src/shared/read-settings';

const HOST = 'scam.example';
const gaso: ListedSite = { listId: 'gaso' };

function settingsOf(changes: Partial<Settings> = {}, pin: { pinSet?: boolean; pinRequired?: boolean } = {}): VerdictInput['settings'] {
  return { settings: { ...defaultSettings(), ...changes }, pinSet: pin.pinSet ?? false, pinRequired: pin.pinRequired ?? false };
}

const answer = (listed: ListedSite | null, acknowledged: Level = 'none'): SiteAnswer => ({ listed, acknowledged });

describe('decideWarning', () => {
  test.each<[string, Partial<VerdictInput>, Level, Presentation, TrustMode]>([
    // The local verdict, before (or without) any answer from the background.
    ['clean page, no answer yet', { textLevel: 'none' }, 'none', 'nothing', 'direct'],
    ['caution text, no answer yet: a banner at once', { textLevel: 'caution' }, 'caution', 'banner', 'direct'],
    ['danger text, no answer yet: the dialog at once', { textLevel: 'danger' }, 'danger', 'dialog', 'direct'],
    ['danger text, settings not read yet: the defaults hold', { textLevel: 'danger', settings: null }, 'danger', 'dialog', 'direct'],
    // The background's answer refines it.
    ['clean text on a listed site: danger', { textLevel: 'none', site: answer(gaso) }, 'danger', 'dialog', 'direct'],
    ['caution text on a listed site: danger', { textLevel: 'caution', site: answer(gaso) }, 'danger', 'dialog', 'direct'],
    ['danger text, site acknowledged at danger this session', { textLevel: 'danger', site: answer(null, 'danger') }, 'danger', 'nothing', 'direct'],
    ['danger text, site acknowledged only at caution', { textLevel: 'danger', site: answer(null, 'caution') }, 'danger', 'dialog', 'direct'],
    ['caution text, caution acknowledged this session', { textLevel: 'caution', site: answer(null, 'caution') }, 'caution', 'nothing', 'direct'],
    ['listed site acknowledged at danger', { textLevel: 'none', site: answer(gaso, 'danger') }, 'danger', 'nothing', 'direct'],
    // What the person did on this page.
    ['caution dismissed on this page', { textLevel: 'caution', acknowledged: 'caution' }, 'caution', 'nothing', 'direct'],
    ['caution dismissed, then danger text appears', { textLevel: 'danger', acknowledged: 'caution' }, 'danger', 'dialog', 'direct'],
    ['caution dismissed, then the site turns out listed', { textLevel: 'caution', acknowledged: 'caution', site: answer(gaso) }, 'danger', 'dialog', 'direct'],
    // Trusted sites and how "I trust this site" works.
    ['a trusted site', { textLevel: 'danger', settings: settingsOf({ allowlist: [HOST] }) }, 'danger', 'nothing', 'direct'],
    ['a trusted site that is listed', { textLevel: 'none', site: answer(gaso), settings: settingsOf({ allowlist: [HOST] }) }, 'danger', 'nothing', 'direct'],
    ['trusted, but policy switched the allowlist off', { textLevel: 'danger', settings: settingsOf({ allowlist: [HOST], disableAllowlist: true }) }, 'danger', 'dialog', 'hidden'],
    ['another site trusted', { textLevel: 'danger', settings: settingsOf({ allowlist: ['bank.example'] }) }, 'danger', 'dialog', 'direct'],
    ['the PIN lock with a PIN', { textLevel: 'danger', settings: settingsOf({ lock: true }, { pinSet: true, pinRequired: true }) }, 'danger', 'dialog', 'pin'],
    ['senior mode without a PIN: no way to stay', { textLevel: 'danger', settings: settingsOf({ seniorMode: true }) }, 'danger', 'dialog', 'hidden'],
    ['senior mode with a PIN', { textLevel: 'danger', settings: settingsOf({ seniorMode: true }, { pinSet: true }) }, 'danger', 'dialog', 'pin'],
    ['policy hides "proceed anyway"', { textLevel: 'caution', settings: settingsOf({ hideProceedAnyway: true }) }, 'caution', 'banner', 'hidden'],
    // Policy not read yet (Chromium answers storage.managed late after a browser start).
    ['policy pending: the dialog at once, with no way to stay yet', { textLevel: 'danger', policyPending: true }, 'danger', 'dialog', 'hidden'],
    ['policy pending, the person trusts the site', { textLevel: 'danger', policyPending: true, settings: settingsOf({ allowlist: [HOST] }) }, 'danger', 'nothing', 'hidden'],
    ['policy read: the way to stay is back', { textLevel: 'danger', policyPending: false }, 'danger', 'dialog', 'direct'],
  ])('%s', (_name, input, level, show, trust) => {
    const verdict = decideWarning({ textLevel: 'none', host: HOST, site: null, acknowledged: 'none', settings: settingsOf(), ...input });
    expect(verdict).toEqual({ level, show, trust, listed: input.site?.listed ?? null });
  });
});

describe('pageLevel', () => {
  test.each<[Level, ListedSite | null, Level]>([
    ['none', null, 'none'],
    ['caution', null, 'caution'],
    ['danger', null, 'danger'],
    ['none', gaso, 'danger'],
    ['caution', gaso, 'danger'],
  ])('%s text, listed %j → %s', (text, listed, level) => {
    expect(pageLevel(text, listed)).toBe(level);
  });
});
