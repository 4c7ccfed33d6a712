// `npm run scan` (scripts/scan.ts and scripts/lib/read-scan-input.ts): a saved page, a text file
// and a URL on a local server become the engine's input; the report quotes what fired.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyze, compileRules } from '../../src/engine';
import type { AnalyzeResult } from '../../src/engine/types';
import { CliError } from '../../scripts/lib/cli-error';
import { formatScanResult } from '../../scripts/lib/format-scan-result';
import { readScanInput } from '../../scripts/lib/read-scan-input';
import { repoRoot } from '../../scripts/lib/repo-paths';
import { runMain } from '../../scripts/lib/run-main';
import { main as scanMain } from '../../scripts/scan';
import { testRules } from './cli-test-rules';

const compiled = compileRules(testRules);
let dir: string;
let rulesDir: string;
let server: Server;
let base: string;

const SCAM_PAGE = `<!-- saved from url=(0030)https://invest.example/signup -->
<!doctype html><html><head><title>稳赚不赔 VIP</title><script>var x = "解冻费";</script></head>
<body><h1>加入我们</h1><p>专业<b>带单</b>老师每天指导</p><p hidden>解冻费</p>
<form><input name="bankCardNo" placeholder="卡号"></form><a href="https://t.me/vipgroup">Telegram</a></body></html>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-scan-'));
  writeFileSync(join(dir, 'page.html'), SCAM_PAGE);
  writeFileSync(join(dir, 'saved-page'), SCAM_PAGE);
  writeFileSync(join(dir, 'note.txt'), 'He said: <html> is not a tag here. 稳赚不赔 and 带单老师, then the 解冻费.');
  writeFileSync(join(dir, 'weather.txt'), 'The weather is mild today; the shops are open as usual.');
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
  rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir);
  writeFileSync(join(rulesDir, 'test.yaml'), stringify(testRules));

  server = createServer((req, res) => {
    if (req.url === '/page') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(SCAM_PAGE);
    } else if (req.url === '/plain') {
      res.setHeader('content-type', 'text/plain');
      res.end('trading mentor, guaranteed profit');
    } else if (req.url === '/huge') {
      res.setHeader('content-type', 'text/html');
      res.end('a'.repeat(300_000));
    } else if (req.url === '/image') {
      res.setHeader('content-type', 'image/png');
      res.end('x');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(dir, { recursive: true, force: true });
});

describe('readScanInput', () => {
  it('reads a saved page: visible text, title, URL from the "saved from" comment, signals', async () => {
    const scan = await readScanInput(join(dir, 'page.html'));
    expect(scan.kind).toBe('html');
    expect(scan.input.text).toBe('加入我们\n专业带单老师每天指导\nTelegram');
    expect(scan.input.title).toBe('稳赚不赔 VIP');
    expect(scan.input.url).toBe('https://invest.example/signup');
    expect(scan.input.signals).toMatchObject({ bankCardForm: true, messengerLinks: ['telegram'] });
  });

  it('recognises HTML without an .html extension by its content', async () => {
    expect((await readScanInput(join(dir, 'saved-page'))).kind).toBe('html');
  });

  it('reads a .txt file as text, even if it mentions a tag', async () => {
    const scan = await readScanInput(join(dir, 'note.txt'));
    expect(scan.kind).toBe('text');
    expect(scan.input.text).toContain('<html> is not a tag');
  });

  it.each([
    ['a missing file', 'missing.html', /no such file/],
    ['a directory', '.', /is a directory/],
    ['a binary file', 'binary.bin', /binary/],
  ])('refuses %s with a clear error', async (_name, file, message) => {
    const err = await readScanInput(join(dir, file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toMatch(message);
    expect((err as CliError).exitCode).toBe(2);
  });

  it('fetches a URL and reads it as a page or as text by its content type', async () => {
    const page = await readScanInput(`${base}/page`);
    expect(page).toMatchObject({ kind: 'html', origin: `${base}/page` });
    expect(page.input.url).toBe(`${base}/page`);
    expect(page.input.title).toBe('稳赚不赔 VIP');
    const plain = await readScanInput(`${base}/plain`);
    expect(plain.kind).toBe('text');
    expect(plain.input.text).toBe('trading mentor, guaranteed profit');
  });

  it.each([
    ['an HTTP error', '/missing', {}, /HTTP 404/],
    ['a response over the size cap', '/huge', { maxBytes: 100_000 }, /100000-byte limit/],
    ['something that is not a page', '/image', {}, /image\/png/],
  ])('reports %s from a URL', async (_name, path, options, message) => {
    await expect(readScanInput(`${base}${path}`, options)).rejects.toThrow(message);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(readScanInput('file:///etc/passwd')).rejects.toThrow(/only http and https/);
  });
});

describe('formatScanResult', () => {
  it('prints the level, scores, and each finding with its quoted phrase and offsets', async () => {
    const scan = await readScanInput(join(dir, 'note.txt'));
    const result = analyze(scan.input, compiled);
    const report = formatScanResult(result, scan.input);
    const text = scan.input.text;
    const at = text.indexOf('带单老师');
    expect(report).toMatch(/^Level: +DANGER \(investment\)/m);
    expect(report).toMatch(/^Scores: +investment 15 \| romance 0 \| recruitment 0/m);
    expect(report).toMatch(/^About fraud: no/m);
    expect(report).toContain('[investment] t-mentor  cue=mentor  weight=5');
    expect(report).toContain(`text[${at},${at + 4})  "带单老师"`);
  });

  it('explains a claim in plain English, its quote and arithmetic filled in', () => {
    const input = { text: 'Our VIP plan pays 13% daily for 9 days.' };
    const report = formatScanResult(analyze(input, compiled), input);
    expect(report).toContain('[investment] claim-return-extreme  cue=returns  weight=5');
    expect(report).toContain('      why: It promises “13% daily for 9 days”. That is over 4,000% a year.');
    // Rules are explained in their YAML; only claims, whose words come from the page, get a why line.
    expect(formatScanResult(analyze({ text: '稳赚不赔' }, compiled), { text: '稳赚不赔' })).not.toContain('why:');
  });

  it('says when a page reads as being about fraud', () => {
    const input = { text: '警方表示，受害人被告知稳赚不赔，还有带单老师和解冻费。' };
    const report = formatScanResult(analyze(input, compiled), input);
    expect(report).toMatch(/^Level: +NONE$/m);
    expect(report).toMatch(/^About fraud: yes \(context rules weight 10\)/m);
  });
});

describe('the scan command', () => {
  // A real process, once: what `npm run scan` starts. Starting tsx takes seconds on a busy
  // machine, hence the generous limit; the other cases run main in-process.
  const scanProcess = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'scan.ts'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('prints the AnalyzeResult as JSON with --json (as a real process)', () => {
    // The test rules alone: the learned model's cue would add to the sums below.
    const r = scanProcess(join(dir, 'page.html'), '--json', '--rules', rulesDir, '--without-model');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as AnalyzeResult & { file: string };
    expect(result.file).toBe(join(dir, 'page.html'));
    // Two weight-5 cues in the text, plus what the page's form and messenger link add.
    expect(result.level).not.toBe('none');
    expect(result.scores.investment).toBe(10 + result.signals.reduce((sum, s) => sum + s.weight, 0));
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['t-mentor', 't-returns']);
    const title = result.findings.find((f) => f.ruleId === 't-returns')?.matches[0];
    expect(title).toEqual({ field: 'title', start: 0, end: 4, quote: '稳赚不赔' });
    expect(result.signals.map((s) => s.signal).sort()).toEqual(['bankCardForm', 'messengerLinks']);
  }, 120_000);

  it('scans several files: one JSON line per file with --json, each report in turn without', async () => {
    const files = [join(dir, 'note.txt'), join(dir, 'weather.txt')];
    // The test rules alone: the learned model may add a cue of its own to the mixed note.
    const json = await runMain(scanMain, [...files, '--json', '--rules', rulesDir, '--without-model']);
    expect(json.stderr).toBe('');
    expect(json.exitCode).toBe(0);
    const lines = json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as AnalyzeResult & { file: string });
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines.map((l) => l.level)).toEqual(['danger', 'none']);
    expect(lines[0]!.findings.map((f) => f.ruleId).sort()).toEqual(['t-fee', 't-mentor', 't-returns']);
    expect(lines[1]!.findings).toEqual([]);

    const text = await runMain(scanMain, [...files, '--rules', rulesDir, '--without-model']);
    expect(text.exitCode).toBe(0);
    const reports = text.stdout.split(/^(?=Scanned: )/m);
    expect(reports).toHaveLength(2);
    expect(reports[0]!.startsWith(`Scanned:     ${files[0]} (text`)).toBe(true);
    expect(reports[0]).toMatch(/^Level: +DANGER \(investment\)$/m);
    expect(reports[1]!.startsWith(`Scanned:     ${files[1]} (text`)).toBe(true);
    expect(reports[1]).toMatch(/^Level: +NONE$/m);
  });

  it('reports a file it cannot read among several, scans the others, and exits with 2', async () => {
    const r = await runMain(scanMain, [join(dir, 'nope.html'), join(dir, 'note.txt'), '--json', '--rules', rulesDir]);
    expect(r.stderr).toBe(`error: no such file: ${join(dir, 'nope.html')}\n`);
    expect(r.exitCode).toBe(2);
    const lines = r.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { file: string; level: string });
    expect(lines).toEqual([expect.objectContaining({ file: join(dir, 'note.txt'), level: 'danger' })]);
  });

  it('prints the level and the quoted phrases without --json', async () => {
    const r = await runMain(scanMain, [join(dir, 'note.txt'), '--rules', rulesDir]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Scanned:     ${join(dir, 'note.txt')} (text,`);
    expect(r.stdout).toMatch(/^Level: +DANGER \(investment\)/m);
    expect(r.stdout).toContain('"带单老师"');
  });

  it('exits with 2 and one line of explanation on a missing file or a bad value', async () => {
    const missing = await runMain(scanMain, [join(dir, 'nope.html'), '--rules', rulesDir]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`error: no such file: ${join(dir, 'nope.html')}\n`);
    const bad = await runMain(scanMain, [join(dir, 'page.html'), '--sensitivity', 'paranoid', '--rules', rulesDir]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--sensitivity must be one of relaxed, standard, strict/);
  });

  it('answers an unknown option with its own usage', async () => {
    const r = await runMain(scanMain, [join(dir, 'page.html'), '--sensitive', 'strict']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("Unknown option '--sensitive'");
    expect(r.stderr).toContain('usage: npm run scan -- <page.html | text.txt | http(s)://URL>... [options]');
  });
});
