// The background's content-script handlers (src/background/content-handlers.ts) with fakes: the
// site a message is about is always the sender's (sender.url), whatever host the message names;
// the listed-site upgrade is the one in verdict.ts.
import { describe, expect, test } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createContentHandlers, type ContentHandlerDeps } from '../../src/background/content-handlers';
import { contentSender, type ContentSender } from '../../src/background/content-sender';
import type { Level } from '../../src/engine/types';
import { isContentToBackgroundMessage, type ContentToBackgroundMessage, type TabState } from '../../src/shared/messages';
import type { TrustMode } from '../../src/shared/read-settings';
import { defaultSettings } from '../../src/shared/settings';
import { compileRules } from '../../src/engine/index';
import { createPrefilter, derivePrefilter } from '../../src/engine/prefilter';

const RULES = compileRules([
  { id: 'returns', type: 'investment', cue: 'returns', lang: 'any', weight: 3, patterns: { phrases: ['稳赚不赔'] }, explanation: { en: 'Nothing is risk-free.', zh_CN: '没有稳赚不赔。', zh_TW: '沒有穩賺不賠。' }, source: 'test', examples: { scam: [], benign: [] } },
  { id: 'fee', type: 'investment', cue: 'fee', lang: 'any', weight: 4, patterns: { phrases: ['解冻费'] }, explanation: { en: 'A fee to withdraw.', zh_CN: '提现费。', zh_TW: '提現費。' }, source: 'test', examples: { scam: [], benign: [] } },
]);

const OWN = 'abcdefghijklmnopabcdefghijklmnop';

function harness(options: { trust?: TrustMode; listedHosts?: string[]; trustedHosts?: string[] } = {}) {
  const calls = {
    lookups: [] as string[],
    saved: [] as [number, TabState][],
    badges: [] as [number, Level][],
    acknowledged: [] as [string, Level][],
    trusted: [] as string[],
    unlock: [] as [string, number][],
    blocked: [] as [number, string, Level, string][],
    rulesAsked: 0,
  };
  const deps: ContentHandlerDeps = {
    rulesForPages: async () => {
      calls.rulesAsked++;
      return { prefilter: createPrefilter(derivePrefilter(RULES)), full: async () => RULES };
    },
    lookupSite: async (host, path) => {
      calls.lookups.push(`${host}${path}`);
      return options.listedHosts?.includes(host) ? { listId: 'gaso' } : null;
    },
    saveTabState: async (tabId, state) => void calls.saved.push([tabId, state]),
    setTabBadge: async (tabId, level) => void calls.badges.push([tabId, level]),
    acknowledgedLevel: async (host) => calls.acknowledged.find(([h]) => h === host)?.[1] ?? 'none',
    acknowledgeSite: async (host, level) => void calls.acknowledged.push([host, level]),
    trustMode: async () => options.trust ?? 'direct',
    settingsInForce: async () => ({ settings: { ...defaultSettings(), allowlist: options.trustedHosts ?? [] }, pinSet: false, pinRequired: false }),
    addTrustedSite: async (host) => {
      calls.trusted.push(host);
      return true;
    },
    openUnlockPage: async (host, tabId) => void calls.unlock.push([host, tabId]),
    loadTabState: async (tabId) => calls.saved.filter(([id]) => id === tabId).at(-1)?.[1] ?? null,
    openBlockedPage: async (tabId, pageUrl, state, why) => void calls.blocked.push([tabId, pageUrl, state.level, why]),
    now: () => 1_000,
  };
  const handlers = createContentHandlers(deps);
  /** What service-worker.ts does with a runtime message: sender check, shape check, handler. */
  const receive = async (message: unknown, runtimeSender: Runtime.MessageSender): Promise<unknown> => {
    const sender = contentSender(runtimeSender, OWN);
    if (sender === null || !isContentToBackgroundMessage(message)) return 'ignored';
    const handler = handlers[message.kind] as (m: ContentToBackgroundMessage, s: ContentSender) => Promise<unknown>;
    return handler(message, sender);
  };
  return { calls, receive };
}

const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
const fromScamPage: Runtime.MessageSender = { id: OWN, tab, frameId: 0, url: 'https://scam.example/app123' };

describe('a message is about the sender\'s site, never the host it names', () => {
  test('"I trust this site" claiming another host trusts the sender\'s host', async () => {
    const h = harness();
    await h.receive({ kind: 'cs-bg-acknowledge', level: 'danger', host: 'bank.example' }, fromScamPage);
    expect(h.calls.trusted).toEqual(['scam.example']);
    expect(h.calls.acknowledged).toEqual([['scam.example', 'danger']]);
  });

  test('a dismissed caution claiming another host is recorded for the sender\'s host', async () => {
    const h = harness();
    await h.receive({ kind: 'cs-bg-acknowledge', level: 'caution', host: 'bank.example' }, fromScamPage);
    expect(h.calls.acknowledged).toEqual([['scam.example', 'caution']]);
  });

  test('a page result claiming an unlisted host and path is looked up, stored and badged as the sender\'s', async () => {
    const h = harness({ listedHosts: ['scam.example'] });
    const reply = await h.receive(
      { kind: 'cs-bg-page-result', level: 'none', findings: [], host: 'bank.example', path: '/' },
      fromScamPage,
    );
    expect(h.calls.lookups).toEqual(['scam.example/app123']);
    expect(reply).toEqual({ acknowledged: 'none', listed: { listId: 'gaso' } });
    // A listed site is dangerous whatever its text says (verdict.ts pageLevel).
    expect(h.calls.saved).toEqual([[7, { level: 'danger', findings: [], host: 'scam.example', scannedAt: 1_000, listed: { listId: 'gaso' } }]]);
    expect(h.calls.badges).toEqual([[7, 'danger']]);
  });

  test('the PIN page opens for the sender\'s host', async () => {
    const h = harness({ trust: 'pin' });
    await h.receive({ kind: 'cs-bg-request-trust', host: 'bank.example' }, fromScamPage);
    expect(h.calls.unlock).toEqual([['scam.example', 7]]);
  });
});

describe('the handlers', () => {
  test('the acknowledgement of the sender\'s host comes back with the page result', async () => {
    const h = harness();
    await h.receive({ kind: 'cs-bg-acknowledge', level: 'caution' }, fromScamPage);
    expect(await h.receive({ kind: 'cs-bg-page-result', level: 'caution', findings: [] }, fromScamPage)).toEqual({ acknowledged: 'caution', listed: null });
  });

  test('a frame\'s result is answered but never speaks for the tab', async () => {
    const h = harness();
    await h.receive({ kind: 'cs-bg-page-result', level: 'danger', findings: [] }, { ...fromScamPage, frameId: 2 });
    expect(h.calls.saved).toEqual([]);
    expect(h.calls.badges).toEqual([]);
  });

  test.each<[TrustMode, string[]]>([
    ['direct', ['scam.example']],
    ['pin', []],
    ['hidden', []],
  ])('"I trust this site" from the page with trust mode %s trusts %j', async (trust, trusted) => {
    const h = harness({ trust });
    await h.receive({ kind: 'cs-bg-acknowledge', level: 'danger' }, fromScamPage);
    expect(h.calls.trusted).toEqual(trusted);
  });

  test('a PIN page is never opened unless trusting needs the PIN', async () => {
    const h = harness({ trust: 'direct' });
    await h.receive({ kind: 'cs-bg-request-trust' }, fromScamPage);
    expect(h.calls.unlock).toEqual([]);
  });

  test('a sender without an http(s) address is ignored', async () => {
    const h = harness();
    expect(await h.receive({ kind: 'cs-bg-acknowledge', level: 'danger' }, { id: OWN, tab, frameId: 0 })).toBe('ignored');
    expect(h.calls.trusted).toEqual([]);
  });
});

describe('escalation: the page keeps fighting the warning (issue 11)', () => {
  const scamResult = { kind: 'cs-bg-page-result', level: 'danger', findings: [] };

  test('the full-tab warning opens in the sender\'s tab for the sender\'s page, whatever the message says', async () => {
    const h = harness();
    await h.receive(scamResult, fromScamPage);
    await h.receive({ kind: 'cs-bg-escalate', host: 'bank.example', url: 'https://bank.example/' }, fromScamPage);
    expect(h.calls.blocked).toEqual([[7, 'https://scam.example/app123', 'danger', 'fought']]);
  });

  test('a page not found to be a scam, another page than the one judged, or a sub-frame is not replaced', async () => {
    const h = harness();
    await h.receive({ kind: 'cs-bg-escalate' }, fromScamPage);
    await h.receive({ ...scamResult, level: 'none' }, fromScamPage);
    await h.receive({ kind: 'cs-bg-escalate' }, fromScamPage);
    await h.receive(scamResult, fromScamPage);
    await h.receive({ kind: 'cs-bg-escalate' }, { ...fromScamPage, frameId: 2 });
    await h.receive({ kind: 'cs-bg-escalate' }, { ...fromScamPage, url: 'https://other.example/' });
    expect(h.calls.blocked).toEqual([]);
  });

  test('a page that could not load its warning gets the full-tab one, unless the person trusted or acknowledged the site', async () => {
    const h = harness();
    await h.receive({ ...scamResult, level: 'caution' }, fromScamPage);
    await h.receive({ kind: 'cs-bg-escalate', why: 'unshown' }, fromScamPage);
    expect(h.calls.blocked).toEqual([[7, 'https://scam.example/app123', 'caution', 'unshown']]);

    const trusted = harness({ trustedHosts: ['scam.example'] });
    await trusted.receive(scamResult, fromScamPage);
    await trusted.receive({ kind: 'cs-bg-escalate', why: 'unshown' }, fromScamPage);
    expect(trusted.calls.blocked).toEqual([]);

    const acknowledged = harness();
    await acknowledged.receive({ ...scamResult, level: 'caution' }, fromScamPage);
    await acknowledged.receive({ kind: 'cs-bg-acknowledge', level: 'caution' }, fromScamPage);
    await acknowledged.receive({ kind: 'cs-bg-escalate', why: 'unshown' }, fromScamPage);
    expect(acknowledged.calls.blocked).toEqual([]);
    expect(await acknowledged.receive({ kind: 'cs-bg-escalate', why: 'bored' }, fromScamPage)).toBe('ignored');
  });
});

describe('scoring page text (issue 11: the engine runs in the background)', () => {
  test('text without a cue is cleared by the prefilter; with one, the page is asked for its context', async () => {
    const h = harness();
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'Opening hours and a map.', title: 'Shop' }, fromScamPage)).toEqual({ verdict: 'clear' });
    expect(await h.receive({ kind: 'cs-bg-analyze', text: '稳赚不赔，只需解冻费。', title: '' }, fromScamPage)).toEqual({ verdict: 'reason' });
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'Opening hours.', title: '稳赚不赔' }, fromScamPage)).toEqual({ verdict: 'reason' });
  });

  test('with its context, the text is scored by analyze() and the fired rules\' explanations come back; nothing is stored', async () => {
    const h = harness();
    const reply = (await h.receive({ kind: 'cs-bg-analyze', text: '稳赚不赔，只需解冻费。', title: '', context: { sensitivity: 'standard', signals: {} } }, fromScamPage)) as { verdict: string; result: { level: string; findings: { ruleId: string; matches: { start: number; end: number }[] }[] }; explanations: Record<string, unknown> };
    expect(reply.verdict).toBe('result');
    expect(reply.result.level).not.toBe('none');
    expect(reply.result.findings.map((f) => f.ruleId).sort()).toEqual(['fee', 'returns']);
    expect(reply.result.findings[0]!.matches[0]).toMatchObject({ start: expect.any(Number), end: expect.any(Number) });
    expect(Object.keys(reply.explanations).sort()).toEqual(['fee', 'returns']);
    expect(h.calls.saved).toEqual([]);
    expect(h.calls.badges).toEqual([]);
  });

  test('the first stage\'s whole page, once cleared, is recorded clean for the sender\'s tab; added text and frames record nothing', async () => {
    const h = harness();
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'Opening hours\u0000and a map.\u0000', title: 'Shop', firstStage: 'page', host: 'bank.example' }, fromScamPage)).toEqual({ verdict: 'clear' });
    expect(h.calls.lookups).toEqual(['scam.example/app123']);
    expect(h.calls.saved).toEqual([[7, { level: 'none', findings: [], host: 'scam.example', scannedAt: 1_000 }]]);
    expect(h.calls.badges).toEqual([[7, 'none']]);
    await h.receive({ kind: 'cs-bg-analyze', text: 'More hours.\u0000', title: 'Shop', firstStage: 'added' }, fromScamPage);
    await h.receive({ kind: 'cs-bg-analyze', text: 'Opening hours.\u0000', title: 'Shop', firstStage: 'page' }, { ...fromScamPage, frameId: 2 });
    expect(h.calls.saved).toHaveLength(1);
    // A reason records nothing either: the guard will report the page.
    expect(await h.receive({ kind: 'cs-bg-analyze', text: '稳赚不赔\u0000', title: '', firstStage: 'page' }, fromScamPage)).toEqual({ verdict: 'reason' });
    expect(h.calls.saved).toHaveLength(1);
  });

  test('a listed site\'s clean page is a reason (its guard starts and reports it), and nothing is recorded yet', async () => {
    const h = harness({ listedHosts: ['scam.example'] });
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'Welcome\u0000', title: '', firstStage: 'page' }, fromScamPage)).toEqual({ verdict: 'reason' });
    expect(h.calls.saved).toEqual([]);
  });

  test('a first-stage message with a context, or of an unknown stage, is refused unanswered', async () => {
    const h = harness();
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'x', title: '', firstStage: 'page', context: { sensitivity: 'standard', signals: {} } }, fromScamPage)).toBe('ignored');
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'x', title: '', firstStage: 'later' }, fromScamPage)).toBe('ignored');
  });

  test('a chunk too long, a bad sensitivity or malformed signals are refused unanswered', async () => {
    const h = harness();
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'x'.repeat(200_001), title: '' }, fromScamPage)).toBe('ignored');
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'x', title: '', context: { sensitivity: 'paranoid', signals: {} } }, fromScamPage)).toBe('ignored');
    expect(await h.receive({ kind: 'cs-bg-analyze', text: 'x', title: '', context: { sensitivity: 'strict', signals: { messengerLinks: 'telegram' } } }, fromScamPage)).toBe('ignored');
    expect(h.calls.rulesAsked).toBe(0);
  });
});
