import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { halfOfText, main, parseOwnWords } from '../../scripts/eval-own-words';
import { runMain } from '../../scripts/lib/run-main';

const dir = mkdtempSync(join(tmpdir(), 'own-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = [
  { expect: 'warn', type: 'investment', lang: 'zh', text: '日收益5%，稳赚不赔，充值就送体验金，提现前需缴纳20%个人所得税' },
  { expect: 'warn', type: 'investment', lang: 'en', text: 'The weather is fine today.' },
  { expect: 'quiet', type: 'benign', lang: 'en', text: 'Our savings account pays 4.5% a year, with no fees.' },
];

describe('npm run eval:own-words', () => {
  test('each text falls in one half, by its own hash, the same on every run', () => {
    for (const l of lines) expect(halfOfText(l.text)).toBe(halfOfText(l.text));
    const halves = new Set(Array.from({ length: 40 }, (_, i) => halfOfText(`text ${i}`)));
    expect(halves).toEqual(new Set(['tune', 'check']));
  });

  test('a line without expect, type, lang and text is refused with its line number', () => {
    expect(() => parseOwnWords('{"expect":"warn","type":"investment","lang":"zh","text":"x"}\n{"expect":"maybe"}\n', 'f.jsonl')).toThrow(/f\.jsonl:2/);
    expect(() => parseOwnWords('not json', 'g.jsonl')).toThrow(/g\.jsonl:1: not JSON/);
  });

  test('counts a warned scam and a quiet text as right, a missed scam as wrong, and lists the misses', async () => {
    const file = join(dir, 'texts.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await runMain(main, [file, '--misses']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/warn\s+investment\s+zh\s+1\s+1\s+100\.0%/);
    expect(r.stdout).toMatch(/warn\s+investment\s+en\s+1\s+0\s+0\.0%/);
    expect(r.stdout).toMatch(/quiet\s+benign\s+en\s+1\s+1\s+100\.0%/);
    expect(r.stdout).toContain('warn investment en: none');
    const tune = await runMain(main, [file, '--half', 'tune']);
    const check = await runMain(main, [file, '--half', 'check']);
    const total = (out: string) => [...out.matchAll(/^\S+\s+\S+\s+\S+\s+(\d+)\s+\d+\s+[\d.]+%$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(total(tune.stdout) + total(check.stdout)).toBe(3);
  });

  test('no file, or a bad half, is a clear error', async () => {
    expect((await runMain(main, [])).stderr).toMatch(/name at least one file/);
    expect((await runMain(main, [join(dir, 'texts.jsonl'), '--half', 'middle'])).stderr).toMatch(/--half must be tune or check/);
    expect((await runMain(main, [join(dir, 'missing.jsonl')])).stderr).toMatch(/cannot read/);
  });
});
