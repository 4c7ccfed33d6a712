// Timing for the bench: warm-up runs first (JIT, lazily filled tables), then the median of the
// timed runs, with process.hrtime.bigint for nanosecond resolution.

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  if (s.length === 0) return NaN;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function timeRuns(fn: () => unknown, runs: number, warmup: number): Timing {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    sink = fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (sink === Symbol.for('never')) process.stdout.write('');
  return { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs };
}
