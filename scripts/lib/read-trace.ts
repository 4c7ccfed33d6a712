// Reads a Chromium trace (CDP Tracing, JSON events) for `npm run bench:browser`: the tasks of one
// page's main thread, and which of them ran the extension's content script. The page's own
// long-task observers do not see the work of an extension's isolated world; the browser's trace
// does (issue 11).

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string }; beginData?: { url?: string } };
}

export interface MainThreadTime {
  /** All tasks of the page's main thread, in milliseconds. */
  busyMs: number;
  /** Tasks that ran the extension's code. */
  extensionMs: number;
  /** The longest task that ran the extension's code. */
  extensionMaxMs: number;
  /** Tasks of the extension's of 50 ms or more. */
  extensionLong: number;
  /** The longest task of any kind (the page's own included). */
  maxTaskMs: number;
}

/** Events that name the script they run. */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'TimerFire', 'FireAnimationFrame']);
/**
 * Continuations that only the extension starts in the bench's pages (their own scripts use
 * neither scheduler.yield nor promises): a task with these and no script of the page's runs the
 * content script (a slice resumed after scheduler.yield, an answer from the background).
 */
const EXTENSION_ONLY = new Set(['RunYieldContinuation', 'RunMicrotasks']);

const isTask = (e: TraceEvent): boolean => e.ph === 'X' && e.name === 'RunTask' && typeof e.dur === 'number';

/**
 * The main thread of the page whose documents came from `origin`: the renderer thread that parsed
 * HTML from it (a navigation may move the page to a new renderer: the last such thread wins).
 */
function pageThread(events: readonly TraceEvent[], origin: string): string | null {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  let found: string | null = null;
  for (const e of events) {
    const url = e.args?.beginData?.url ?? '';
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'ParseHTML' && url.startsWith(origin) && names.get(key) === 'CrRendererMain') found = key;
  }
  return found;
}

export function mainThreadTime(events: readonly TraceEvent[], origin: string, extensionOrigin = 'chrome-extension://'): MainThreadTime {
  const thread = pageThread(events, origin);
  const result: MainThreadTime = { busyMs: 0, extensionMs: 0, extensionMaxMs: 0, extensionLong: 0, maxTaskMs: 0 };
  if (thread === null) return result;
  const own = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = own.filter(isTask);
  // Marks, per task, whether anything inside it ran the extension: events are sorted by start,
  // and each task's inner events start within it.
  let k = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    let extension = false;
    let pageScript = false;
    let continuation = false;
    while (k < own.length && own[k]!.ts < task.ts) k++;
    for (let j = k; j < own.length && own[j]!.ts <= end; j++) {
      const e = own[j]!;
      if (SCRIPT_EVENTS.has(e.name)) {
        const url = e.args?.data?.url ?? '';
        if (url.startsWith(extensionOrigin)) extension = true;
        else if (url !== '') pageScript = true;
      } else if (EXTENSION_ONLY.has(e.name)) continuation = true;
    }
    const ms = (task.dur ?? 0) / 1000;
    result.busyMs += ms;
    result.maxTaskMs = Math.max(result.maxTaskMs, ms);
    if (extension || (continuation && !pageScript)) {
      result.extensionMs += ms;
      result.extensionMaxMs = Math.max(result.extensionMaxMs, ms);
      if (ms >= 50) result.extensionLong++;
    }
  }
  return result;
}

/** When the first page after install got where, in ms from its navigation (null: not in the trace). */
export interface FirstPageMoments {
  /** The extension's service worker finished evaluating its script. */
  workerReadyMs: number | null;
  /** The content script was evaluated in the page. */
  contentScriptMs: number | null;
  /** The page asked for the guard's module (guard-module.js): the background found a reason. */
  warningsImportMs: number | null;
  /** The worker's tasks of 3 ms or more up to `untilMs`, and their total. */
  workerTasks: { atMs: number; ms: number }[];
  workerBusyMs: number;
}

/**
 * The first page after install, read from a trace of every process (Chromium's --trace-startup,
 * `npm run bench:browser -- --trace DIR`): where the worker and the page were when, so that the
 * time to the warning can be split (docs/speed.md, "warn fast").
 */
export function firstPageMoments(events: readonly TraceEvent[], origin: string, untilMs: number): FirstPageMoments {
  const thread = pageThread(events, origin);
  const moments: FirstPageMoments = { workerReadyMs: null, contentScriptMs: null, warningsImportMs: null, workerTasks: [], workerBusyMs: 0 };
  if (thread === null) return moments;
  const firstParse = Math.min(...events.filter((e) => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(origin)).map((e) => e.ts));
  const starts = events.filter((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === thread && e.ts < firstParse).map((e) => e.ts);
  if (starts.length === 0) return moments;
  const navigation = Math.max(...starts);
  const at = (e: TraceEvent): number => (e.ts - navigation) / 1000;
  const workers = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'ServiceWorker thread') workers.add(`${e.pid}:${e.tid}`);
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.tid}`;
    const url = JSON.stringify(e.args ?? {});
    if (workers.has(key) && e.name === 'v8.evaluateModule' && moments.workerReadyMs === null && at(e) > -1000) moments.workerReadyMs = at(e) + (e.dur ?? 0) / 1000;
    if (key === thread && e.name === 'EvaluateScript' && url.includes('content-script') && moments.contentScriptMs === null) moments.contentScriptMs = at(e);
    if (key === thread && e.name === 'ResourceFetcher::requestResource' && url.includes('guard-module') && moments.warningsImportMs === null) moments.warningsImportMs = at(e);
    if (workers.has(key) && isTask(e) && (e.dur ?? 0) >= 3000 && at(e) > -1000 && at(e) <= untilMs) {
      moments.workerTasks.push({ atMs: Math.round(at(e)), ms: Math.round((e.dur ?? 0) / 100) / 10 });
      moments.workerBusyMs += (e.dur ?? 0) / 1000;
    }
  }
  return moments;
}
