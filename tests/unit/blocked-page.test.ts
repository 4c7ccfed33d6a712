// The full-tab warning's address (issue 11): the page's address and the tab's findings travel in
// it, and come back validated.
import { describe, expect, test } from 'vitest';
import { blockedPageUrl, readBlockedPageUrl } from '../../src/shared/blocked-page';
import { isContentToBackgroundMessage, isUiToBackgroundMessage, type TabState } from '../../src/shared/messages';

const state: TabState = {
  level: 'danger',
  host: 'scam.example',
  scannedAt: 1,
  findings: [{ ruleId: 'inv-guaranteed', type: 'investment', quotes: ['稳赚不赔 & 100%'] }],
};

describe('blocked page address', () => {
  test('round trip: the page address and the findings', () => {
    const url = new URL(blockedPageUrl('https://scam.example/p?q=1#x', state, 'chrome-extension://abc'));
    expect(url.href.startsWith('chrome-extension://abc/src/ui/blocked/index.html?')).toBe(true);
    expect(readBlockedPageUrl(url.search)).toEqual({ pageUrl: 'https://scam.example/p?q=1#x', state, why: 'fought' });
  });

  test('why the warning fills the tab: the page fought it, or it could not be shown on the page', () => {
    const unshown = new URL(blockedPageUrl('https://scam.example/', state, 'chrome-extension://abc', 'unshown'));
    expect(readBlockedPageUrl(unshown.search)?.why).toBe('unshown');
    expect(readBlockedPageUrl(`${unshown.search.replace('why=unshown', 'why=other')}`)?.why).toBe('fought');
  });

  test.each([
    ['no page address', '?state=%7B%7D'],
    ['a page address that is not http(s)', `?url=javascript:alert(1)&state=${encodeURIComponent(JSON.stringify(state))}`],
    ['findings that are not JSON', '?url=https://a.example/&state=%7B'],
    ['findings of the wrong shape', `?url=https://a.example/&state=${encodeURIComponent(JSON.stringify({ level: 'bad' }))}`],
  ])('refuses %s', (_name, search) => {
    expect(readBlockedPageUrl(search)).toBeNull();
  });

  test('the messages that take the warning to the tab and trust from there are recognised', () => {
    expect(isContentToBackgroundMessage({ kind: 'cs-bg-escalate' })).toBe(true);
    expect(isContentToBackgroundMessage({ kind: 'cs-bg-escalate', why: 'unshown' })).toBe(true);
    expect(isContentToBackgroundMessage({ kind: 'cs-bg-escalate', why: 1 })).toBe(false);
    expect(isUiToBackgroundMessage({ kind: 'ui-bg-trust-site-direct', host: 'a.example' })).toBe(true);
    expect(isUiToBackgroundMessage({ kind: 'ui-bg-trust-site-direct', host: '' })).toBe(false);
  });
});
