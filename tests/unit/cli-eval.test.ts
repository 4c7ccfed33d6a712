// `npm run eval` counting (scripts/lib/run-eval.ts, aggregate-eval.ts) on a tiny JSONL written here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRules } from '../../src/engine';
import { EvalAggregator, recallTarget, summarizeEval, summarizeVerdicts, VerdictAggregator } from '../../scripts/lib/aggregate-eval';
import { halfOfKey, parseHalf, splitKeyOfItem, splitKeyOfPage } from '../../scripts/lib/dev-halves';
import { parseRelabel } from '../../scripts/lib/read-relabel';
import type { EvalGroup } from '../../scripts/lib/aggregate-eval';
import { CliError } from '../../scripts/lib/cli-error';
import { isInsideRepo, repoRoot } from '../../scripts/lib/repo-paths';
import { parseCorpusFilter, runEval } from '../../scripts/lib/run-eval';
import { testRules } from './cli-test-rules';

const compiled = compileRules(testRules);
let dir: string;
let corpus: string;

const item = (id: string, source: string, lang: string, label: string, category: string, inScope: boolean, text: string): string =>
  JSON.stringify({ id, source, lang, label, category, in_scope: inScope, provenance: 'test', text });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-eval-'));
  corpus = join(dir, 'tiny.jsonl');
  writeFileSync(
    corpus,
    [
      // In-scope Chinese investment: danger, caution, none.
      item('a1', 'src1', 'zh', 'scam', 'investment', true, '稳赚不赔，带单老师带你赚，提现先交解冻费'),
      item('a2', 'src1', 'zh', 'scam', 'investment', true, '稳赚不赔，还有带单老师'),
      item('a3', 'src1', 'zh', 'scam', 'investment', true, '一起理财吧'),
      // In-scope English romance: caution.
      item('b1', 'src1', 'en', 'scam', 'romance', true, 'My trading mentor promised guaranteed profit.'),
      '{"this is": "not valid json"',
      '',
      item('c1', 'news', 'zh', 'benign', 'news_about_fraud', false, '警方表示，受害人被要求先交解冻费，对方自称带单老师、稳赚不赔'),
      item('c2', 'news', 'zh', 'benign', 'news_other', false, '今天天气很好'),
      JSON.stringify({ id: 'bad', source: 'news', lang: 'zh', label: 'benign', category: 'x', in_scope: 'no', text: 'x' }),
      item('d1', 'jobs', 'en', 'benign', 'job_ad_legit', false, 'Analyst wanted; guaranteed profit and a trading mentor.'),
      item('e1', 'sms', 'en', 'scam', 'loan', false, 'guaranteed profit, unfreezing fee, trading mentor'),
      '[1, 2, 3]',
    ].join('\n') + '\n',
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runEval', () => {
  it('counts items per group, at caution and at danger, and skips malformed lines with a count', async () => {
    const run = await runEval(corpus, compiled);
    expect(run.analysed).toBe(8);
    expect(run.stats).toMatchObject({ lines: 12, blank: 1, malformed: 3 });
    expect(run.stats.problems).toEqual([
      'line 5: not valid JSON',
      'line 9: "in_scope" is missing or not true/false',
      'line 12: not a JSON object',
    ]);
    const byKey = Object.fromEntries(run.groups.map((g) => [`${g.source}/${g.lang}/${g.category}`, g]));
    expect(byKey['src1/zh/investment']).toEqual({
      source: 'src1', lang: 'zh', label: 'scam', category: 'investment', in_scope: true, n: 3, caution: 2, danger: 1,
    });
    expect(byKey['src1/en/romance']).toMatchObject({ n: 1, caution: 1, danger: 0 });
    // Names every trick but reads as a report: never flagged.
    expect(byKey['news/zh/news_about_fraud']).toMatchObject({ n: 1, caution: 0, danger: 0 });
    expect(byKey['news/zh/news_other']).toMatchObject({ n: 1, caution: 0, danger: 0 });
    expect(byKey['jobs/en/job_ad_legit']).toMatchObject({ n: 1, caution: 1, danger: 0 });
    expect(byKey['sms/en/loan']).toMatchObject({ in_scope: false, n: 1, caution: 1, danger: 1 });
    // In-scope groups come first.
    expect(run.groups.slice(0, 2).every((g) => g.in_scope)).toBe(true);
    expect(run.groups).toHaveLength(6);
  });

  it('keeps only the items a filter selects', async () => {
    const run = await runEval(corpus, compiled, { filters: [parseCorpusFilter('source=news,jobs'), parseCorpusFilter('lang=zh')] });
    expect(run.analysed).toBe(2);
    expect(run.filteredOut).toBe(6);
    expect(run.groups.map((g) => g.category).sort()).toEqual(['news_about_fraud', 'news_other']);
  });

  it('hands every analysed item and its result to onItem (used for the misses file)', async () => {
    const seen: string[] = [];
    await runEval(corpus, compiled, {
      onItem: (it, r) => {
        if ((it.in_scope && r.level === 'none') || (it.label === 'benign' && r.level !== 'none')) seen.push(it.id);
      },
    });
    expect(seen).toEqual(['a3', 'd1']);
  });

  it('reports a missing corpus as a CLI error', async () => {
    await expect(runEval(join(dir, 'nope.jsonl'), compiled)).rejects.toThrow(CliError);
  });

  it('rejects filters on unknown keys', () => {
    expect(() => parseCorpusFilter('text=x')).toThrow(CliError);
    expect(() => parseCorpusFilter('source=')).toThrow(CliError);
  });
});

describe('summarizeEval', () => {
  const g = (source: string, lang: string, label: string, category: string, inScope: boolean, n: number, caution: number, danger: number): EvalGroup => ({
    source, lang, label, category, in_scope: inScope, n, caution, danger,
  });

  it('computes recall per language and category against the floors, and benign rates per source', () => {
    const s = summarizeEval([
      g('a', 'zh', 'scam', 'investment', true, 100, 90, 50),
      g('b', 'zh', 'scam', 'investment', true, 100, 88, 50),
      g('a', 'en', 'scam', 'romance', true, 10, 8, 0),
      g('a', 'en', 'scam', 'crypto_scam', true, 10, 8, 0),
      g('n', 'zh', 'benign', 'news_about_fraud', false, 1000, 20, 4),
      g('n', 'zh', 'benign', 'news_other', false, 1000, 0, 0),
      g('j', 'en', 'benign', 'job_ad', false, 200, 5, 0),
      g('seed-news', 'en', 'benign', 'news_about_fraud', false, 5, 1, 0),
      g('x', 'en', 'scam', 'loan', false, 50, 10, 0),
    ]);
    expect(s.inScope).toEqual({ n: 220, caught: 194, recall: 194 / 220 });
    const recall = Object.fromEntries(s.recall.map((r) => [`${r.lang}/${r.category}`, r]));
    expect(recall['zh/investment']).toMatchObject({ n: 200, caught: 178, recall: 0.89, target: 0.9, pass: false });
    expect(recall['en/romance']).toMatchObject({ recall: 0.8, target: 0.8, pass: true });
    expect(recall['en/crypto_scam']).toMatchObject({ recall: 0.8, target: 0.9, pass: false });
    const benign = Object.fromEntries(s.benign.map((b) => [b.source, b]));
    // 20/2000 = 1% caution, 4/2000 = 0.2% danger: within the limits (issue 9: 1%, 0.2%).
    expect(benign['n']).toMatchObject({ n: 2000, caution: 20, danger: 4, cautionRate: 0.01, dangerRate: 0.002, pass: true });
    // 5/200 = 2.5% at caution: over 1%.
    expect(benign['j']).toMatchObject({ cautionRate: 0.025, pass: false });
    expect(s.seeds).toEqual({ n: 5, flagged: 1, pass: false });
    expect(s.benignOverall).toMatchObject({ n: 2205, caution: 26, danger: 4 });
    expect(s.allTargetsMet).toBe(false);
    // Out-of-scope scams count neither as recall nor as false positives.
    expect(s.recall.some((r) => r.category === 'loan')).toBe(false);
  });

  it('says all targets are met when they are', () => {
    const s = summarizeEval([g('a', 'zh', 'scam', 'recruitment', true, 10, 9, 1), g('n', 'zh', 'benign', 'news', false, 1000, 10, 2)]);
    expect(s.allTargetsMet).toBe(true);
    expect(s.seeds).toBeNull();
  });

  it('knows the floor of each in-scope category', () => {
    expect([recallTarget('investment'), recallTarget('recruitment'), recallTarget('crypto_arbitrage_bot_scam'), recallTarget('romance'), recallTarget('other')]).toEqual([
      0.9, 0.9, 0.9, 0.8, null,
    ]);
  });

  it('aggregates levels: danger counts as caution too', () => {
    const agg = new EvalAggregator();
    const key = { source: 's', lang: 'en', label: 'scam', category: 'c', in_scope: true };
    agg.add(key, 'danger');
    agg.add(key, 'caution');
    agg.add(key, 'none');
    expect(agg.groups()).toEqual([{ ...key, n: 3, caution: 2, danger: 1 }]);
  });
});

describe('isInsideRepo', () => {
  it('keeps corpus-derived files out of the repository', () => {
    expect(isInsideRepo(join(repoRoot, 'misses.jsonl'))).toBe(true);
    expect(isInsideRepo(join(repoRoot, 'scripts', 'x'))).toBe(true);
    expect(isInsideRepo(join(tmpdir(), 'misses.jsonl'))).toBe(false);
    expect(isInsideRepo(join(repoRoot, '..', 'shared', 'x'))).toBe(false);
  });
});

describe('development halves', () => {
  it('keeps every form of one Fraud-R1 case, in both languages, in one half', () => {
    const forms = ['fraudr1-en-194-gen', 'fraudr1-en-194-seed', 'fraudr1-zh-194-gen', 'fraudr1-zh-194-seed'];
    const halves = new Set(forms.map((id) => halfOfKey(splitKeyOfItem({ id, source: 'fraudr1' }))));
    expect(halves.size).toBe(1);
    expect(splitKeyOfItem({ id: 'fraudr1-zh-7-gen', source: 'fraudr1' })).toBe('fraudr1:7');
  });

  it('splits pages by repository and other items by source and id, stably', () => {
    expect(splitKeyOfPage({ repo: 'a/b' })).toBe('repo:a/b');
    expect(splitKeyOfItem({ id: '17', source: 'glassdoor' })).toBe('glassdoor:17');
    // The split is a fixed function of the key: SHA-256's first byte, low bit.
    expect(halfOfKey('repo:a/b')).toBe(halfOfKey('repo:a/b'));
    const keys = Array.from({ length: 400 }, (_, i) => `glassdoor:${i}`);
    const tune = keys.filter((k) => halfOfKey(k) === 'tune').length;
    expect(tune).toBeGreaterThan(150);
    expect(tune).toBeLessThan(250);
  });

  it('reads --half and refuses anything else', () => {
    expect(parseHalf(undefined)).toBeNull();
    expect(parseHalf('check')).toBe('check');
    expect(() => parseHalf('both')).toThrow(/tune or check/);
  });
});

describe('careful verdicts', () => {
  it('reads relabel lines and rejects a verdict it does not know', () => {
    const m = parseRelabel('{"id":"x","verdict":"notice","types":["investment"]}\n\n{"id":"y","verdict":"in_scope"}\n', 'r.jsonl');
    expect(m.get('x')).toEqual({ verdict: 'notice', types: ['investment'] });
    expect(m.get('y')).toEqual({ verdict: 'in_scope', types: [] });
    expect(() => parseRelabel('{"id":"z","verdict":"maybe"}', 'r.jsonl')).toThrow(/line 1/);
  });

  it('reports clear in-scope recall against 95% (romance 85%) and the notice rate against 5%', () => {
    const agg = new VerdictAggregator();
    for (let i = 0; i < 20; i++) agg.add({ lang: 'en', category: 'investment' }, 'in_scope', i < 19 ? 'caution' : 'none');
    for (let i = 0; i < 10; i++) agg.add({ lang: 'zh', category: 'romance' }, 'in_scope', i < 8 ? 'danger' : 'none');
    for (let i = 0; i < 20; i++) agg.add({ lang: 'en', category: 'investment' }, 'notice', i < 2 ? 'caution' : 'none');
    agg.add({ lang: 'en', category: 'recruitment' }, 'in_scope_weak', 'none');
    const v = summarizeVerdicts(agg.groups());
    const rows = Object.fromEntries(v.inScope.map((r) => [`${r.lang}/${r.category}`, r]));
    expect(rows['en/investment']).toMatchObject({ n: 20, caught: 19, recall: 0.95, target: 0.95, pass: true });
    expect(rows['zh/romance']).toMatchObject({ n: 10, caught: 8, target: 0.85, pass: false });
    expect(v.weak).toEqual([{ lang: 'en', category: 'recruitment', n: 1, caught: 0 }]);
    expect(v.notice).toEqual({ n: 20, flagged: 2, rate: 0.1, pass: false });
    expect(v.allTargetsMet).toBe(false);
  });
});
