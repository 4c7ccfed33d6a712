// `npm run eval -- --pages`: the page manifest is read strictly, every page is scored as the content
// script reads it, and the targets of issue 9 are checked (scripts/lib/run-page-eval.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRules } from '../../src/engine';
import { CliError } from '../../scripts/lib/cli-error';
import { pageTargets, parsePageManifest, runPageEval, type PageGroup } from '../../scripts/lib/run-page-eval';
import { testRules } from './cli-test-rules';

let dir: string;
const entry = (id: string, label: string, category: string, lang: string, repo: string): string => JSON.stringify({ id, label, category, lang, repo, path: `${id}.php`, note: '' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'page-eval-'));
  writeFileSync(
    join(dir, 'manifest.jsonl'),
    [entry('s1', 'scam', 'hyip', 'en', 'a/kit'), entry('b1', 'benign', 'news', 'zh', 'b/news'), entry('b2', 'benign', 'news', 'zh', 'b/news')].join('\n') + '\n',
  );
  writeFileSync(join(dir, 's1.html'), '<html><head><title>Plans</title></head><body><p>Starter plan: 5% daily for 30 days, minimum deposit $50.</p><p>Gold plan: 8% daily for 20 days, minimum deposit $500.</p></body></html>');
  writeFileSync(join(dir, 'b1.html'), '<html><body><p>今天天气很好，股市小幅上涨。</p></body></html>');
  // Hidden text is not read, as in the browser.
  writeFileSync(join(dir, 'b2.html'), '<html><body><p>财经新闻</p><div style="display:none">日收益5%，稳赚不赔，带单老师</div></body></html>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('page manifest', () => {
  it('reads entries and refuses a line without its fields or with a path as id', () => {
    expect(parsePageManifest(entry('x', 'scam', 'hyip', 'en', 'r/r') + '\n\n', 'm')).toHaveLength(1);
    expect(() => parsePageManifest('{"id":"x","label":"scam"}', 'm')).toThrow(CliError);
    expect(() => parsePageManifest(entry('../x', 'scam', 'hyip', 'en', 'r/r'), 'm')).toThrow(/plain file name/);
  });
});

describe('runPageEval', () => {
  it('scores every page as the content script reads it and counts per label, category and language', async () => {
    const seen: string[] = [];
    const run = await runPageEval(join(dir, 'manifest.jsonl'), compileRules(testRules), { onPage: (p, r) => seen.push(`${p.id}:${r.level}`) });
    expect(run.analysed).toBe(3);
    expect(seen).toContain('b2:none');
    const scam = run.groups.find((g) => g.label === 'scam')!;
    expect(scam).toMatchObject({ category: 'hyip', lang: 'en', n: 1 });
    expect(scam.caution).toBe(1);
  });
});

describe('page targets', () => {
  const g = (label: string, category: string, lang: string, n: number, caution: number, danger: number): PageGroup => ({ label, category, lang, n, caution, danger });
  it('checks scam pages per language, HYIP pages at caution and danger, and benign pages', () => {
    const rows = pageTargets([g('scam', 'hyip', 'en', 20, 19, 12), g('scam', 'fake_exchange', 'zh', 10, 8, 1), g('benign', 'news', 'en', 100, 1, 0)]);
    const by = Object.fromEntries(rows.map((r) => [r.what, r]));
    expect(by['scam pages (en) at caution']).toMatchObject({ n: 20, got: 19, pass: true });
    expect(by['scam pages (zh) at caution']).toMatchObject({ n: 10, got: 8, pass: false });
    expect(by['HYIP pages at caution']).toMatchObject({ pass: true });
    expect(by['HYIP pages at danger']).toMatchObject({ got: 12, pass: true });
    expect(by['benign pages at caution']).toMatchObject({ got: 1, pass: true });
    expect(by['benign pages at danger']).toMatchObject({ got: 0, pass: true });
  });
});
