// @vitest-environment happy-dom
// The page watcher (issue 11): text added, and text revealed by an attribute change (a class, the
// `hidden` attribute, <details> opening), is read and reported; the warning's own host is not.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { compileRules, type AnalyzeResult, type Rule } from '../../src/engine/index';
import { createPageScanner } from '../../src/content/page-scanner';
import { watchPage, type PageWatcher } from '../../src/content/page-watcher';
import { localAnalyzer } from './helpers/local-analyzer';

const explanation = { en: 'e', zh_CN: 'e', zh_TW: 'e' };
const rule = (id: string, weight: number, phrases: string[]): Rule => ({
  id, type: 'investment', cue: id, lang: 'any', weight, patterns: { phrases }, explanation, source: 'test', examples: { scam: [], benign: [] },
});
const compiled = localAnalyzer(compileRules([rule('returns', 3, ['稳赚不赔']), rule('mentor', 3, ['带单老师']), rule('fee', 4, ['解冻费'])]));
const SCAM = '稳赚不赔！带单老师带你赚，提现先交解冻费。';

let watcher: PageWatcher | null = null;
afterEach(() => {
  watcher?.stop();
  watcher = null;
  document.body.replaceChildren();
});

let scanner = createPageScanner(document, compiled);

function watch(): AnalyzeResult[] {
  const reports: AnalyzeResult[] = [];
  scanner = createPageScanner(document, compiled);
  watcher = watchPage(document, { scanner: () => scanner, report: (r) => reports.push(r), ignore: (n) => n.nodeName === 'SCAM-SENTINEL-WARNING' });
  watcher.rescan();
  return reports;
}

const paragraph = (text: string): HTMLParagraphElement => Object.assign(document.createElement('p'), { textContent: text });

describe('watchPage', () => {
  test('the first read reports the page, then added text is read', async () => {
    document.body.append(paragraph('Welcome.'));
    const reports = watch();
    await vi.waitFor(() => expect(reports.map((r) => r.level)).toEqual(['none']));
    document.body.append(paragraph(SCAM));
    await vi.waitFor(() => expect(reports.map((r) => r.level)).toEqual(['none', 'danger']));
  });

  test.each<[string, (p: HTMLElement) => void, (p: HTMLElement) => void]>([
    ['hidden removed', (p) => void (p.hidden = true), (p) => void (p.hidden = false)],
    ['inline style', (p) => void (p.style.display = 'none'), (p) => void p.style.removeProperty('display')],
  ])('text revealed by an attribute change is read: %s', async (_name, hide, show) => {
    const p = paragraph(SCAM);
    hide(p);
    document.body.append(paragraph('Welcome.'), p);
    const reports = watch();
    await vi.waitFor(() => expect(reports.map((r) => r.level)).toEqual(['none']));
    show(p);
    await vi.waitFor(() => expect(reports.map((r) => r.level)).toEqual(['none', 'danger']));
  });

  test('the warning\'s own host is not page text', async () => {
    const reports = watch();
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    const host = document.createElement('scam-sentinel-warning');
    host.textContent = SCAM;
    document.documentElement.append(host);
    const before = scanner.analyzedChars;
    document.body.append(paragraph('An ordinary comment.'));
    // The comment was read, the host's text was not.
    await vi.waitFor(() => expect(scanner.analyzedChars - before).toBe('An ordinary comment.'.length));
    expect(reports.map((r) => r.level)).toEqual(['none']);
    host.remove();
  });
});
