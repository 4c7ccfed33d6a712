// The bench's reading of a Chromium trace (scripts/lib/read-trace.ts): the page's main thread is
// the renderer thread that parsed its HTML, and a task counts as the extension's when it ran the
// extension's script or only continuations no bench page starts.
import { describe, expect, test } from 'vitest';
import { mainThreadTime, type TraceEvent } from '../../scripts/lib/read-trace';

const PAGE = 'http://127.0.0.1:1234';
const meta = (pid: number, tid: number, name: string): TraceEvent => ({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
const x = (name: string, ts: number, durMs: number, url?: string, tid = 1): TraceEvent => ({
  name, ph: 'X', ts, dur: durMs * 1000, pid: 7, tid, ...(url ? { args: { data: { url } } } : {}),
});

describe('mainThreadTime', () => {
  test('tasks of the page thread, split into the extension\'s and the page\'s', () => {
    const events: TraceEvent[] = [
      meta(7, 1, 'CrRendererMain'),
      meta(7, 2, 'Compositor'),
      { name: 'ParseHTML', ph: 'X', ts: 0, dur: 1000, pid: 7, tid: 1, args: { beginData: { url: `${PAGE}/a.html` } } },
      x('RunTask', 0, 30),
      x('EvaluateScript', 100, 20, `${PAGE}/a.html`),
      x('RunTask', 100_000, 60),
      x('EvaluateScript', 100_100, 55, 'chrome-extension://abc/src/content/content-script.js'),
      x('RunTask', 200_000, 12),
      x('RunYieldContinuation', 200_010, 11),
      x('RunTask', 300_000, 8),
      x('TimerFire', 300_010, 1, `${PAGE}/a.html`),
      x('RunMicrotasks', 300_020, 5),
      // Another thread's task does not count.
      x('RunTask', 400_000, 500, undefined, 2),
    ];
    const time = mainThreadTime(events, PAGE);
    expect(time.busyMs).toBeCloseTo(110);
    expect(time.extensionMs).toBeCloseTo(72);
    expect(time.extensionMaxMs).toBeCloseTo(60);
    expect(time.extensionLong).toBe(1);
    expect(time.maxTaskMs).toBeCloseTo(60);
  });

  test('no thread parsed the page: nothing is counted', () => {
    expect(mainThreadTime([x('RunTask', 0, 10)], PAGE).busyMs).toBe(0);
  });
});
