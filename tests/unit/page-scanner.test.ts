// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { compileRules, type Rule, type RuleType } from '../../src/engine/index';
import { createPageScanner } from '../../src/content/page-scanner';

const explanation = { en: 'e', zh_CN: 'e', zh_TW: 'e' };
const rule = (id: string, type: RuleType, cue: string, weight: number, phrases: string[]): Rule => ({
  id, type, cue, lang: 'any', weight, patterns: { phrases }, explanation, source: 'test', examples: { scam: [], benign: [] },
});
const compiled = compileRules([
  rule('returns', 'investment', 'returns', 3, ['稳赚不赔', 'guaranteed returns']),
  rule('mentor', 'investment', 'mentor', 3, ['带单老师', 'trading mentor']),
  rule('fee', 'investment', 'fee', 4, ['解冻费', 'unfreezing fee']),
]);

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
  test('cues count where they stand together: two weak cues far apart stay quiet, in one block they warn', () => {
    expect(createPageScanner(blocks('稳赚不赔的项目。', FILLER, '带单老师每天指导。'), compiled).scanPage().level).toBe('none');
    const together = createPageScanner(blocks('稳赚不赔的项目，带单老师每天指导。', FILLER), compiled).scanPage();
    expect(together.level).toBe('caution');
    expect(together.findings.map((f) => f.ruleId).sort()).toEqual(['mentor', 'returns']);
  });

  test('an added chunk is its own passage: a weak cue in it does not add to the page\'s, a scam passage raises the level', () => {
    const doc = fresh('Welcome. 稳赚不赔的项目。');
    const scanner = createPageScanner(doc, compiled);
    expect(scanner.scanPage().level).toBe('none');
    expect(scanner.scanAdded([add(doc, '加入群聊，带单老师每天指导。')])).toBeNull();
    const caution = scanner.scanAdded([add(doc, '带单老师每天指导，提现需先交解冻费。')]);
    expect(caution?.level).toBe('caution');
    expect(caution?.findings.map((f) => f.ruleId).sort()).toEqual(['fee', 'mentor']);
    expect(scanner.scanAdded([add(doc, '稳赚不赔！带单老师带你赚，提现先交解冻费。')])?.level).toBe('danger');
    // A weaker chunk afterwards leaves the page's result as it is.
    expect(scanner.scanAdded([add(doc, '提现需先交解冻费。')])).toBeNull();
  });

  test('the sensitivity given decides the level, and a new one applies from the next scan', () => {
    const page = (): Document => fresh('提现需先交解冻费。');
    expect(createPageScanner(page(), compiled).scanPage().level).toBe('none');
    expect(createPageScanner(page(), compiled, 'strict').scanPage().level).toBe('caution');
    const doc = page();
    const scanner = createPageScanner(doc, compiled, 'relaxed');
    expect(scanner.scanPage().level).toBe('none');
    scanner.setSensitivity('strict');
    expect(scanner.scanPage().level).toBe('caution');
    expect(scanner.scanAdded([add(doc, '稳赚不赔的项目，带单老师每天指导。')])?.level).toBe('caution');
    expect(createPageScanner(fresh('稳赚不赔的项目，带单老师每天指导，提现需先交解冻费。'), compiled, 'relaxed').scanPage().level).toBe('caution');
  });

  test('only the added text is read, and nothing is reported when nothing changed', () => {
    const doc = fresh('A long ordinary article. '.repeat(200));
    const scanner = createPageScanner(doc, compiled);
    scanner.scanPage();
    const before = scanner.analyzedChars;
    expect(scanner.scanAdded([add(doc, 'Another comment about the weather.')])).toBeNull();
    expect(scanner.analyzedChars - before).toBe('Another comment about the weather.'.length);
  });

  test('hidden or detached additions are not read', () => {
    const doc = fresh('hello');
    const scanner = createPageScanner(doc, compiled);
    scanner.scanPage();
    const before = scanner.analyzedChars;
    const detached = add(doc, '稳赚不赔 带单老师');
    detached.parentNode?.removeChild(detached);
    expect(scanner.scanAdded([add(doc, '稳赚不赔 带单老师', true), detached])).toBeNull();
    expect(scanner.analyzedChars).toBe(before);
  });

  test('a full rescan starts over', () => {
    const doc = fresh('稳赚不赔');
    const scanner = createPageScanner(doc, compiled);
    scanner.scanPage();
    scanner.scanAdded([add(doc, '带单老师')]);
    doc.body.replaceChildren();
    add(doc, 'A different page after navigation.');
    expect(scanner.scanPage().findings).toEqual([]);
  });
});

describe('highlight ranges', () => {
  test('matched phrases become DOM ranges, also across inline elements and added text, those of the deciding result only', () => {
    // The window's own document: happy-dom's ranges misbehave in documents made by createHTMLDocument.
    const doc = document;
    doc.body.replaceChildren();
    const p = doc.createElement('p');
    p.append('我们的', Object.assign(doc.createElement('b'), { textContent: '带单' }), '老师说');
    doc.body.append(p);
    const scanner = createPageScanner(doc, compiled);
    const texts = (): string[] => scanner.ranges.map((r) => r.toString());
    scanner.scanPage();
    expect(texts()).toEqual(['带单', '老师']);
    // A chunk no stronger than the page does not decide it: its phrases are not highlighted.
    scanner.scanAdded([add(doc, '最后：稳赚不赔')]);
    expect(texts()).toEqual(['带单', '老师']);
    expect(scanner.scanAdded([add(doc, '稳赚不赔，提现先交解冻费')])?.level).toBe('caution');
    expect(texts().sort()).toEqual(['稳赚不赔', '解冻费']);
  });
});
