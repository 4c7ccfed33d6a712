// `npm run bench:browser [-- --runs N] [--only id,id] [--json FILE] [--extension DIR] [--trace DIR]`: the built
// extension (dist/chrome, or DIR: another build to compare with) in Debian's Chromium on the pages of issue 11's table, served from 127.0.0.1, each
// loaded with and without the extension in the same run, several times; prints medians.
// Main-thread time comes from the browser's own trace (CDP Tracing): the page's long-task
// observers do not see the work of an extension's isolated world (scripts/lib/read-trace.ts).
// `--trace DIR`: the first page after install is traced over every process from the browser's
// start (--trace-startup, the extension's worker included, which a page's CDP session does not
// see), one JSON file per load in DIR, and each load prints where the worker and the page were
// when (read-trace.ts firstPageMoments).
// It prints numbers; it asserts nothing (the hostile e2e tests assert behaviour).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { benchPage } from './lib/bench-pages';
import { FIXTURES_DIR } from './lib/fixture-server';
import { formatTable } from './lib/format-table';
import { firstPageMoments, mainThreadTime, type MainThreadTime, type TraceEvent } from './lib/read-trace';
import { median } from './lib/time-runs';

const DEFAULT_EXTENSION_DIR = fileURLToPath(new URL('../dist/chrome', import.meta.url));
let EXTENSION_DIR = DEFAULT_EXTENSION_DIR;
/** Where `--trace` writes the first page's traces; null without it. */
let TRACE_DIR: string | null = null;
/** What the startup trace records: tasks, scripts, loading, the worker's start. */
const STARTUP_TRACE_CATEGORIES = ['toplevel', 'v8', 'v8.execute', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'loading', 'ServiceWorker', 'blink.user_timing'];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

type Expect = 'warn' | 'none' | 'escalate';
/** What the time to the warning is counted from. */
type From = 'dcl' | 'trigger' | 'navigation';

interface BenchCase {
  id: string;
  label: string;
  path: string;
  expect: Expect;
  from: From;
  /** How long each load is watched, from DOMContentLoaded (the same with and without the extension). */
  windowMs: number;
  /** Click `#more` this long after DOMContentLoaded. */
  clickAfterMs?: number;
  /** A fresh browser profile for each load: the first page after install. */
  fresh?: boolean;
}

const CASES: BenchCase[] = [
  { id: 'article-late', label: '2 MB article, scam near the end', path: '/hostile/long-article.html', expect: 'warn', from: 'dcl', windowMs: 4000 },
  { id: 'filler', label: '200k chars of font-size:0 filler, then the scam', path: '/hostile/hidden-filler.html', expect: 'warn', from: 'dcl', windowMs: 3000 },
  { id: 'text-50mb', label: '50 MB of text, scam at the end', path: '/gen/big-text?mb=50', expect: 'warn', from: 'dcl', windowMs: 30_000 },
  { id: 'log', label: 'growing log, scam appended after 10 s', path: '/gen/log?after=10000', expect: 'warn', from: 'trigger', windowMs: 12_000 },
  { id: 'deep', label: '100,000 elements + 5,000-deep chain', path: '/gen/deep', expect: 'warn', from: 'dcl', windowMs: 6000 },
  { id: 'first-page', label: 'first page after install (from navigation)', path: '/hostile/long-article.html?chars=20000', expect: 'warn', from: 'navigation', windowMs: 5000, fresh: true },
  { id: 'article-early', label: '2 MB article, scam early', path: '/hostile/long-article.html?at=early', expect: 'warn', from: 'dcl', windowMs: 3000 },
  { id: 'click', label: 'text revealed by a click', path: '/hostile/reveal.html?how=hidden', expect: 'warn', from: 'trigger', windowMs: 3000, clickAfterMs: 1000 },
  { id: 'read-more-class', label: '"Read more" by class change', path: '/hostile/reveal.html?how=class&when=timer', expect: 'warn', from: 'trigger', windowMs: 3000 },
  { id: 'read-more-details', label: '"Read more" by <details>', path: '/hostile/reveal.html?how=details&when=timer', expect: 'warn', from: 'trigger', windowMs: 3000 },
  { id: 'read-more-hidden', label: '"Read more" by `hidden`', path: '/hostile/reveal.html?how=hidden&when=timer', expect: 'warn', from: 'trigger', windowMs: 3000 },
  { id: 'read-more-style', label: '"Read more" by inline style', path: '/hostile/reveal.html?how=style&when=timer', expect: 'warn', from: 'trigger', windowMs: 3000 },
  { id: 'shadow', label: 'scam in an open shadow root', path: '/hostile/nested.html?where=shadow', expect: 'warn', from: 'dcl', windowMs: 2000 },
  { id: 'iframe', label: 'scam in a same-origin iframe', path: '/hostile/nested.html?where=iframe', expect: 'warn', from: 'dcl', windowMs: 2000 },
  { id: 'contents', label: 'scam under display:contents', path: '/hostile/nested.html?where=contents', expect: 'warn', from: 'dcl', windowMs: 2000 },
  { id: 'fight-remove', label: 'page removes the warning every time', path: '/hostile/fight.html?how=remove', expect: 'escalate', from: 'dcl', windowMs: 6000 },
  { id: 'fight-modal', label: 'page re-opens its modal over the warning', path: '/hostile/fight.html?how=modal', expect: 'escalate', from: 'dcl', windowMs: 6000 },
  { id: 'fight-popover', label: 'page re-opens its popover over the warning', path: '/hostile/fight.html?how=popover', expect: 'escalate', from: 'dcl', windowMs: 6000 },
  { id: 'feed', label: 'infinite feed, 100 posts/s', path: '/gen/feed?after=3000', expect: 'warn', from: 'trigger', windowMs: 5000 },
  { id: 'spa', label: 'SPA, 10 views', path: '/gen/spa', expect: 'warn', from: 'trigger', windowMs: 5000 },
  { id: 'ordinary', label: 'ordinary page (no scam)', path: '/gen/ordinary', expect: 'none', from: 'dcl', windowMs: 2000 },
];

/** In every page before its own scripts: notes when the warning's host appears under <html>. */
const INIT = `(() => {
  window.__bench = { warnedAt: null };
  const watch = () => {
    const html = document.documentElement;
    if (!html) return false;
    new MutationObserver(() => {
      if (window.__bench.warnedAt === null && html.querySelector(':scope > scam-sentinel-warning')) window.__bench.warnedAt = performance.now();
    }).observe(html, { childList: true });
    return true;
  };
  if (!watch()) new MutationObserver((_, o) => { if (watch()) o.disconnect(); }).observe(document, { childList: true });
})();`;

interface Sample {
  outcome: 'warned' | 'escalated' | 'none';
  /** Time to the warning (or the full-tab warning) from the case's reference, ms. */
  warnMs: number | null;
  main: MainThreadTime;
  heapMb: number;
}

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const generated = benchPage(url.pathname, url.searchParams);
    if (generated !== null) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generated);
      return;
    }
    const file = normalize(join(FIXTURES_DIR, decodeURIComponent(url.pathname)));
    if (!file.startsWith(join(FIXTURES_DIR, 'hostile') + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function launch(withExtension: boolean, traceFile?: string): Promise<{ context: BrowserContext; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'scam-sentinel-bench-'));
  const extension = withExtension ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`] : [];
  // Written when the browser closes.
  if (traceFile !== undefined) extension.push(`--trace-startup=${STARTUP_TRACE_CATEGORIES.join(',')}`, `--trace-startup-file=${traceFile}`, '--trace-startup-format=json', '--trace-startup-duration=0');
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...extension, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { context, dir };
}

async function waitForWorker(context: BrowserContext): Promise<void> {
  if (context.serviceWorkers().some((w) => w.url().startsWith('chrome-extension://'))) return;
  await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 30_000 });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `traced`: the browser traces itself from its start (--trace), so no CDP trace is taken. */
async function loadOnce(context: BrowserContext, base: string, c: BenchCase, traced = false): Promise<Sample> {
  const page: Page = await context.newPage();
  await page.addInitScript(INIT);
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const complete = traced ? Promise.resolve() : new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  if (!traced) {
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] },
    } as never);
  }
  let escalatedAt = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith('chrome-extension://') && escalatedAt === 0) escalatedAt = Date.now();
  });
  await page.goto(base + c.path, { waitUntil: 'domcontentloaded', timeout: 180_000 });
  const dclAt = Date.now();
  if (c.clickAfterMs !== undefined) {
    await sleep(c.clickAfterMs);
    await page.click('#more').catch(() => undefined);
  }
  const marks = async (): Promise<{ warnedAt: number | null; trigger: number | null; dcl: number }> =>
    page
      .evaluate(() => {
        const w = window as unknown as { __bench?: { warnedAt: number | null }; __marks?: { trigger?: number } };
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { warnedAt: w.__bench?.warnedAt ?? null, trigger: w.__marks?.trigger ?? null, dcl: nav?.domContentLoadedEventStart ?? 0 };
      })
      .catch(() => ({ warnedAt: null, trigger: null, dcl: 0 }));
  let seen = { warnedAt: null as number | null, trigger: null as number | null, dcl: 0 };
  // The page notes its own times (INIT), so they are read once, at the end. Only a page that may be
  // replaced by the full-tab warning is asked as it goes: each question is a task on the page's
  // main thread, with microtasks and no script of the page's, which read-trace.ts would count as
  // the extension's (ten a second: about 20 ms over an ordinary page's two seconds).
  while (Date.now() < dclAt + c.windowMs) {
    await sleep(100);
    if (c.expect === 'escalate' && escalatedAt === 0) {
      const now = await marks();
      if (now.dcl > 0) seen = now;
    }
  }
  // The trace ends before the page is asked for its marks and its heap: that question is a task on
  // the page's main thread with microtasks and no script of the page's, which read-trace.ts would
  // count as the extension's (1.1-1.9 ms on every page, found in the ordinary page's trace).
  if (!traced) await cdp.send('Tracing.end');
  await complete;
  if (escalatedAt === 0) {
    const now = await marks();
    if (now.dcl > 0) seen = now;
  }
  let heapMb = NaN;
  if (escalatedAt === 0) {
    await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
    await cdp.send('Performance.enable').catch(() => undefined);
    const metrics = (await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }))) as { metrics: { name: string; value: number }[] };
    heapMb = (metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024;
  }
  await page.close();
  const main = mainThreadTime(events, base);
  if (escalatedAt > 0) return { outcome: 'escalated', warnMs: escalatedAt - dclAt, main, heapMb };
  if (seen.warnedAt === null) return { outcome: 'none', warnMs: null, main, heapMb };
  const from = c.from === 'dcl' ? seen.dcl : c.from === 'trigger' ? (seen.trigger ?? NaN) : 0;
  return { outcome: 'warned', warnMs: seen.warnedAt - from, main, heapMb };
}

/** Reads a load's startup trace (--trace): its main-thread figures, and where the worker and the page were when. */
function readStartupTrace(file: string, base: string, sample: Sample, run: number): void {
  if (!existsSync(file)) {
    console.error(`bench:browser: no trace in ${file}`);
    return;
  }
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  sample.main = mainThreadTime(events, base);
  const m = firstPageMoments(events, base, sample.warnMs ?? 5000);
  const ms = (n: number | null): string => (n === null ? '-' : n.toFixed(0));
  console.error(
    `bench:browser: trace ${run + 1}: warning ${ms(sample.warnMs)} ms; worker ready ${ms(m.workerReadyMs)}, content script ${ms(m.contentScriptMs)}, ` +
      `warning's module asked ${ms(m.warningsImportMs)} ms; worker busy ${m.workerBusyMs.toFixed(0)} ms before the warning in tasks ≥ 3 ms: ` +
      m.workerTasks.map((t) => `${t.atMs}+${t.ms}`).join(' '),
  );
}

interface CaseResult {
  id: string;
  label: string;
  expect: Expect;
  runs: number;
  /** How many loads with the extension ended as expected. */
  asExpected: number;
  warnMs: number | null;
  extensionMs: number;
  extensionMaxMs: number;
  extensionLongTasks: number;
  addedBusyMs: number;
  pageMaxTaskMs: number;
  addedHeapMb: number;
}

function summarize(c: BenchCase, withExt: Sample[], without: Sample[]): CaseResult {
  const zero: MainThreadTime = { busyMs: NaN, extensionMs: NaN, extensionMaxMs: NaN, extensionLong: 0, maxTaskMs: NaN };
  if (withExt.length === 0) withExt = [{ outcome: 'none', warnMs: null, main: zero, heapMb: NaN }];
  if (without.length === 0) without = [{ outcome: 'none', warnMs: null, main: zero, heapMb: NaN }];
  const good = withExt.filter((s) => (c.expect === 'warn' ? s.outcome === 'warned' : c.expect === 'escalate' ? s.outcome === 'escalated' : s.outcome === 'none'));
  const warnTimes = good.map((s) => s.warnMs).filter((ms): ms is number => ms !== null && Number.isFinite(ms));
  const heapWith = withExt.map((s) => s.heapMb).filter(Number.isFinite);
  const heapWithout = without.map((s) => s.heapMb).filter(Number.isFinite);
  return {
    id: c.id,
    label: c.label,
    expect: c.expect,
    runs: withExt.length,
    asExpected: good.length,
    warnMs: warnTimes.length > 0 ? median(warnTimes) : null,
    extensionMs: median(withExt.map((s) => s.main.extensionMs)),
    extensionMaxMs: median(withExt.map((s) => s.main.extensionMaxMs)),
    extensionLongTasks: Math.max(...withExt.map((s) => s.main.extensionLong)),
    addedBusyMs: median(withExt.map((s) => s.main.busyMs)) - median(without.map((s) => s.main.busyMs)),
    pageMaxTaskMs: median(without.map((s) => s.main.maxTaskMs)),
    addedHeapMb: heapWith.length > 0 && heapWithout.length > 0 ? median(heapWith) - median(heapWithout) : NaN,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(option('--runs') ?? 3);
  const only = option('--only')?.split(',');
  const jsonFile = option('--json');
  EXTENSION_DIR = option('--extension') ?? DEFAULT_EXTENSION_DIR;
  TRACE_DIR = option('--trace') ?? null;
  if (TRACE_DIR !== null) mkdirSync(TRACE_DIR, { recursive: true });
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build` first');
  const cases = only ? CASES.filter((c) => only.includes(c.id)) : CASES;
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const withExt = await launch(true);
  const without = await launch(false);
  await waitForWorker(withExt.context);
  const results: CaseResult[] = [];
  try {
    for (const c of cases) {
      const a: Sample[] = [];
      const b: Sample[] = [];
      for (let run = 0; run < runs; run++) {
        if (c.fresh) {
          for (const [flag, into] of [[true, a], [false, b]] as const) {
            const traceFile = flag && TRACE_DIR !== null ? join(TRACE_DIR, `${c.id}-${run + 1}.json`) : undefined;
            const fresh = await launch(flag, traceFile);
            try {
              into.push(await loadOnce(fresh.context, base, c, traceFile !== undefined));
            } finally {
              await fresh.context.close();
              rmSync(fresh.dir, { recursive: true, force: true });
            }
            if (traceFile !== undefined) readStartupTrace(traceFile, base, into[into.length - 1]!, run);
          }
        } else {
          for (const [context, into] of [[withExt.context, a], [without.context, b]] as const) {
            try {
              into.push(await loadOnce(context, base, c));
            } catch (error) {
              // A renderer that crashes is a result too (the page alone may be too much for it).
              console.error(`bench:browser: ${c.id} ${into === a ? 'with' : 'without'} the extension: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
              for (const p of context.pages()) await p.close().catch(() => undefined);
            }
          }
        }
      }
      const result = summarize(c, a, b);
      results.push(result);
      console.error(`bench:browser: ${c.id}: ${result.asExpected}/${result.runs} as expected, warned in ${result.warnMs?.toFixed(0) ?? '-'} ms`);
    }
  } finally {
    for (const { context, dir } of [withExt, without]) {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
    server.closeAllConnections();
    server.close();
  }
  const fixed = (n: number | null, digits = 0): string => (n === null || !Number.isFinite(n) ? '-' : n.toFixed(digits));
  const headers = ['page', 'expected', 'as expected', 'to warning ms', 'ext main ms', 'ext longest task ms', 'ext tasks ≥50 ms', 'added busy ms', 'page longest task ms (no ext)', 'heap added MB'];
  const rows = results.map((r) => [
    r.label,
    r.expect,
    `${r.asExpected}/${r.runs}`,
    fixed(r.warnMs),
    fixed(r.extensionMs, 1),
    fixed(r.extensionMaxMs, 1),
    String(r.extensionLongTasks),
    fixed(r.addedBusyMs, 1),
    fixed(r.pageMaxTaskMs, 1),
    fixed(r.addedHeapMb, 2),
  ]);
  console.log(`Chromium ${CHROMIUM}, ${runs} loads per case with and without the extension (${EXTENSION_DIR}); medians.`);
  console.log('"to warning" counts from DOMContentLoaded, from the trigger (click, reveal, scam appended, view change) or from navigation (first page).');
  console.log(formatTable(headers, rows, new Set(headers.slice(2))));
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ chromium: CHROMIUM, runs, results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
