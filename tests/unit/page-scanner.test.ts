// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { compileRules, type Rule, type RuleType } from '../../src/engine/index';
import { createPageScanner } from '../../src/content/page-scanner';
import { remoteAnalyzer } from '../../src/content/remote-analyzer';
import { answerAnalyze } from '../../src/background/answer-analyze';
import { createPrefilter, derivePrefilter } from '../../src/engine/prefilter';
import { isContentToBackgroundMessage, type AnalyzeTextMessage } from '../../src/shared/messages';
import { localAnalyzer } from './helpers/local-analyzer';

const explanation = { en: 'e', zh_CN: 'e', zh_TW: 'e' };
const rule = (id: string, type: RuleType, cue: string, weight: number, phrases: string[]): Rule => ({
  id, type, cue, lang: 'any', weight, patterns: { phrases }, explanation, source: 'test', examples: { scam: [], benign: [] },
});
const rules = compileRules([
  rule('returns', 'investment', 'returns', 3, ['稳赚不赔', 'guaranteed returns']),
  rule('mentor', 'investment', 'mentor', 3, ['带单老师', 'trading mentor']),
  rule('fee', 'investment', 'fee', 4, ['解冻费', 'unfreezing fee']),
]);
/** The engine on the test's thread: every chunk read in full. */
const compiled = localAnalyzer(rules);

function fresh(body: string): Document {
  const doc = document.implementation.createHTMLDocument('t');
  const p = doc.createElement('p');
  p.textContent = body;
  doc.body.append(p);
  return doc;
}

function add(doc: Document, text: string, hidden = false): Node {
  const div = doc.createElement('div');
  div.textContent = text;
  if (hidden) div.hidden = true;
  doc.body.append(div);
  return div;
}

/** A page of blocks, each a paragraph. */
function blocks(...texts: string[]): Document {
  const doc = document.implementation.createHTMLDocument('t');
  for (const text of texts) doc.body.append(Object.assign(doc.createElement('p'), { textContent: text }));
  return doc;
}

/** Ordinary text, far longer than a passage (score-passages.ts PASSAGE_CHARS). */
const FILLER = 'The weather today is mild and the shops are open as usual. '.repeat(60);

describe('createPageScanner', () => {
  test('cues count where they stand together: two weak cues far apart stay quiet, in one block they warn', async () => {
    expect((await createPageScanner(blocks('稳赚不赔的项目。', FILLER, '带单老师每天指导。'), compiled).scanPage())!.level).toBe('none');
    const together = (await createPageScanner(blocks('稳赚不赔的项目，带单老师每天指导。', FILLER), compiled).scanPage())!;
    expect(together.level).toBe('caution');
    expect(together.findings.map((f) => f.ruleId).sort()).toEqual(['mentor', 'returns']);
  });

  test('an added chunk is its own passage: a weak cue in it does not add to the page\'s, a scam passage raises the level', async () => {
    const doc = fresh('Welcome. 稳赚不赔的项目。');
    const scanner = createPageScanner(doc, compiled);
    expect((await scanner.scanPage())!.level).toBe('none');
    expect(await scanner.scanAdded([add(doc, '加入群聊，带单老师每天指导。')])).toBeNull();
    const caution = await scanner.scanAdded([add(doc, '带单老师每天指导，提现需先交解冻费。')]);
    expect(caution?.level).toBe('caution');
    expect(caution?.findings.map((f) => f.ruleId).sort()).toEqual(['fee', 'mentor']);
    expect((await scanner.scanAdded([add(doc, '稳赚不赔！带单老师带你赚，提现先交解冻费。')]))?.level).toBe('danger');
    // A weaker chunk afterwards leaves the page's result as it is.
    expect(await scanner.scanAdded([add(doc, '提现需先交解冻费。')])).toBeNull();
  });

  test('the sensitivity given decides the level, and a new one applies from the next scan', async () => {
    const page = (): Document => fresh('提现需先交解冻费。');
    expect((await createPageScanner(page(), compiled).scanPage())!.level).toBe('none');
    expect((await createPageScanner(page(), compiled, 'strict').scanPage())!.level).toBe('caution');
    const doc = page();
    const scanner = createPageScanner(doc, compiled, 'relaxed');
    expect((await scanner.scanPage())!.level).toBe('none');
    scanner.setSensitivity('strict');
    expect((await scanner.scanPage())!.level).toBe('caution');
    expect((await scanner.scanAdded([add(doc, '稳赚不赔的项目，带单老师每天指导。')]))?.level).toBe('caution');
    expect((await createPageScanner(fresh('稳赚不赔的项目，带单老师每天指导，提现需先交解冻费。'), compiled, 'relaxed').scanPage())!.level).toBe('caution');
  });

  test('only the added text is read, and nothing is reported when nothing changed', async () => {
    const doc = fresh('A long ordinary article. '.repeat(200));
    const scanner = createPageScanner(doc, compiled);
    await scanner.scanPage();
    const before = scanner.analyzedChars;
    expect(await scanner.scanAdded([add(doc, 'Another comment about the weather.')])).toBeNull();
    expect(scanner.analyzedChars - before).toBe('Another comment about the weather.'.length);
  });

  test('hidden or detached additions are not read', async () => {
    const doc = fresh('hello');
    const scanner = createPageScanner(doc, compiled);
    await scanner.scanPage();
    const before = scanner.analyzedChars;
    const detached = add(doc, '稳赚不赔 带单老师');
    detached.parentNode?.removeChild(detached);
    expect(await scanner.scanAdded([add(doc, '稳赚不赔 带单老师', true), detached])).toBeNull();
    expect(scanner.analyzedChars).toBe(before);
  });

  test('a full rescan starts over', async () => {
    const doc = fresh('稳赚不赔');
    const scanner = createPageScanner(doc, compiled);
    await scanner.scanPage();
    await scanner.scanAdded([add(doc, '带单老师')]);
    doc.body.replaceChildren();
    add(doc, 'A different page after navigation.');
    expect((await scanner.scanPage())!.findings).toEqual([]);
  });
});

describe('highlight ranges', () => {
  test('matched phrases become DOM ranges, also across inline elements and added text, those of the deciding result only', async () => {
    // The window's own document: happy-dom's ranges misbehave in documents made by createHTMLDocument.
    const doc = document;
    doc.body.replaceChildren();
    const p = doc.createElement('p');
    p.append('我们的', Object.assign(doc.createElement('b'), { textContent: '带单' }), '老师说');
    doc.body.append(p);
    const scanner = createPageScanner(doc, compiled);
    const texts = (): string[] => scanner.ranges.map((r) => r.toString());
    await scanner.scanPage();
    expect(texts()).toEqual(['带单', '老师']);
    // A chunk no stronger than the page does not decide it: its phrases are not highlighted.
    await scanner.scanAdded([add(doc, '最后：稳赚不赔')]);
    expect(texts()).toEqual(['带单', '老师']);
    expect((await scanner.scanAdded([add(doc, '稳赚不赔，提现先交解冻费')]))?.level).toBe('caution');
    expect(texts().sort()).toEqual(['稳赚不赔', '解冻费']);
  });
});

describe('the whole page, however long, and only what is seen (issue 11)', () => {
  const SCAM = '稳赚不赔！带单老师带你赚，提现先交解冻费。';

  test('a scam after far more text than one chunk is still read', async () => {
    const doc = blocks(...Array.from({ length: 40 }, () => FILLER), SCAM);
    const scanner = createPageScanner(doc, compiled, 'standard', { chunkChars: 20_000 });
    expect((await scanner.scanPage())?.level).toBe('danger');
    expect(scanner.analyzedChars).toBeGreaterThan(40 * FILLER.length);
  });

  test('a passage split between two chunks is read whole: chunks overlap', async () => {
    // The three cues sit either side of where the first chunk ends.
    const before = 'x'.repeat(19_990);
    const doc = blocks(`${before}稳赚不赔，带单老师`, '带你赚，提现先交解冻费。');
    const scanner = createPageScanner(doc, compiled, 'standard', { chunkChars: 20_000 });
    expect((await scanner.scanPage())?.level).toBe('danger');
  });

  test('unseen filler is neither read nor counted', async () => {
    // The window's own document: only a document with a window has computed styles.
    const doc = document;
    doc.body.replaceChildren();
    const filler = doc.createElement('div');
    filler.style.fontSize = '0';
    filler.textContent = 'filler '.repeat(30_000);
    doc.body.append(filler, Object.assign(doc.createElement('p'), { textContent: SCAM }));
    const scanner = createPageScanner(doc, compiled);
    expect((await scanner.scanPage())?.level).toBe('danger');
    expect(scanner.analyzedChars).toBeLessThan(200);
  });

  test('a warning in an early chunk is reported before the rest is read', async () => {
    const doc = blocks(SCAM, ...Array.from({ length: 20 }, () => FILLER));
    const heard: string[] = [];
    const scanner = createPageScanner(doc, compiled, 'standard', { chunkChars: 10_000, sliceMs: 0 });
    const done = scanner.scanPage((r) => heard.push(`${r.level}@${scanner.analyzedChars}`));
    expect((await done)?.level).toBe('danger');
    expect(heard).toHaveLength(1);
    expect(Number(heard[0]!.split('@')[1])).toBeLessThan(20 * FILLER.length);
  });

  test('a newer page scan replaces one still reading', async () => {
    const doc = blocks(...Array.from({ length: 20 }, () => FILLER));
    const scanner = createPageScanner(doc, compiled, 'standard', { chunkChars: 5_000, sliceMs: 0 });
    const first = scanner.scanPage();
    const second = scanner.scanPage();
    expect(await first).toBeNull();
    expect((await second)?.level).toBe('none');
  });

  test.each([
    ['the hidden attribute removed', (el: HTMLElement) => el.setAttribute('hidden', ''), (el: HTMLElement) => el.removeAttribute('hidden')],
    ['an inline style changed', (el: HTMLElement) => (el.style.display = 'none'), (el: HTMLElement) => (el.style.display = 'block')],
    ['a zero-size font grown', (el: HTMLElement) => (el.style.fontSize = '0px'), (el: HTMLElement) => (el.style.fontSize = '16px')],
    ['a class toggled', (el: HTMLElement) => el.classList.add('collapsed'), (el: HTMLElement) => el.classList.remove('collapsed')],
  ])('text revealed later is read when it appears: %s', async (_name, hide, show) => {
    const doc = document;
    doc.body.replaceChildren();
    const style = doc.createElement('style');
    style.textContent = '.collapsed { display: none; }';
    doc.head.append(style);
    const p = doc.createElement('p');
    p.textContent = SCAM;
    hide(p);
    doc.body.append(Object.assign(doc.createElement('p'), { textContent: 'Welcome.' }), p);
    const scanner = createPageScanner(doc, compiled);
    expect((await scanner.scanPage())?.level).toBe('none');
    expect(await scanner.scanRevealed()).toBeNull();
    show(p);
    expect((await scanner.scanRevealed([p]))?.level).toBe('danger');
    style.remove();
  });

  test('a <details> opened is read then', async () => {
    const doc = document;
    doc.body.replaceChildren();
    const details = doc.createElement('details');
    details.append(Object.assign(doc.createElement('summary'), { textContent: 'Read more' }), Object.assign(doc.createElement('p'), { textContent: SCAM }));
    doc.body.append(details);
    const scanner = createPageScanner(doc, compiled);
    expect((await scanner.scanPage())?.level).toBe('none');
    details.open = true;
    expect((await scanner.scanRevealed([details]))?.level).toBe('danger');
  });
});

describe('createPageScanner with its chunks scored by the background, in two stages (issue 11)', () => {
  /**
   * The background (answer-analyze.ts) behind a fake runtime.sendMessage, as the content script
   * talks to it: every message checked as the background checks it, counting how often the full
   * rules are asked for and what was sent.
   */
  const background = () => {
    const s = {
      loads: 0,
      sent: [] as AnalyzeTextMessage[],
      analyzer: remoteAnalyzer(
        async (message) => {
          if (!isContentToBackgroundMessage(message) || message.kind !== 'cs-bg-analyze') throw new Error('refused');
          s.sent.push(message);
          return structuredClone(await answerAnalyze(message, {
            prefilter: createPrefilter(derivePrefilter(rules)),
            full: async () => {
              s.loads++;
              return rules;
            },
          }));
        },
        async () => undefined,
        () => undefined,
      ),
    };
    return s;
  };

  test('a page without a cue never has the full rules read, and reads as clean', async () => {
    const bg = background();
    const result = await createPageScanner(blocks(FILLER, 'Section 12', FILLER), bg.analyzer).scanPage();
    expect(result!.level).toBe('none');
    expect(bg.loads).toBe(0);
    // Only the text went, without the page's signals or the sensitivity.
    expect(bg.sent.every((m) => m.context === undefined)).toBe(true);
  });

  test('a page with cues is read as with the full rules, with the same highlights', async () => {
    const bg = background();
    const text = '稳赚不赔的项目，带单老师每天指导，提现需先交解冻费。';
    const scanner = createPageScanner(blocks(FILLER, text, FILLER, text), bg.analyzer, 'standard', { chunkChars: 2_000, sliceMs: 0 });
    const result = await scanner.scanPage();
    const local = createPageScanner(blocks(FILLER, text, FILLER, text), compiled, 'standard', { chunkChars: 2_000, sliceMs: 0 });
    const expected = await local.scanPage();
    expect(result).toEqual(expected);
    expect(result!.level).not.toBe('none');
    expect(scanner.ranges.map((r) => r.toString())).toEqual(local.ranges.map((r) => r.toString()));
    expect(bg.sent.some((m) => m.context !== undefined)).toBe(true);
    // No chunk is larger than the background takes.
    expect(Math.max(...bg.sent.map((m) => m.text.length))).toBeLessThanOrEqual(2_000);
  });

  test('a cue only in the title gives a reason too', async () => {
    const bg = background();
    const doc = blocks(FILLER);
    doc.title = '稳赚不赔 带单老师 解冻费';
    const result = await createPageScanner(doc, bg.analyzer).scanPage();
    expect(bg.loads).toBeGreaterThan(0);
    expect(result!.findings.length).toBeGreaterThan(0);
  });

  test('never more than two chunks in flight for the page, its first read and added text together', async () => {
    let inFlight = 0;
    let most = 0;
    let chunks = 0;
    const slow = {
      analyze: async ({ text }: { text: string }) => {
        inFlight++;
        chunks++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return localAnalyzer(rules).analyze({ text, title: '' }, () => ({ sensitivity: 'standard', signals: {} }));
      },
    };
    const doc = blocks(...Array(20).fill(FILLER));
    const scanner = createPageScanner(doc, slow, 'standard', { chunkChars: 2_000, sliceMs: 0 });
    const added = Array.from({ length: 5 }, () => add(doc, FILLER + FILLER));
    const results = await Promise.all([scanner.scanPage(), ...added.map((node) => scanner.scanAdded([node]))]);
    expect(results[0]!.level).toBe('none');
    expect(chunks).toBeGreaterThan(10);
    expect(most).toBe(2);
  });

  test('a chunk the background cannot score reads as clear, and the scan goes on', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let calls = 0;
      const failing = remoteAnalyzer(async () => {
        calls++;
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }, async () => undefined, () => undefined);
      const scan = createPageScanner(blocks('稳赚不赔的项目，带单老师每天指导。'), failing).scanPage();
      await vi.runAllTimersAsync();
      expect((await scan)!.level).toBe('none');
      // Asked again before giving up (a worker being restarted refuses the first message).
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
      debug.mockRestore();
    }
  });
});
