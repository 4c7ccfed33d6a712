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

describe('createPageScanner', () => {
  test('text added later raises the level of the page as a whole', () => {
    const doc = fresh('Welcome. 稳赚不赔的项目。');
    const scanner = createPageScanner(doc, compiled);
    expect(scanner.scanPage().level).toBe('none');
    const result = scanner.scanAdded([add(doc, '加入群聊，带单老师每天指导。')]);
    expect(result?.level).toBe('caution');
    expect(result?.findings.map((f) => f.ruleId).sort()).toEqual(['mentor', 'returns']);
    expect(scanner.scanAdded([add(doc, '提现需先交解冻费。')])?.level).toBe('danger');
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
  test('matched phrases become DOM ranges, also across inline elements and added text', () => {
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
    scanner.scanAdded([add(doc, '最后：稳赚不赔')]);
    expect(texts()).toEqual(['带单', '老师', '稳赚不赔']);
  });
});
