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

/**
 * Time several functions round-robin (warm-up rounds first), so that drift in the machine's load
 * or the heap during the measurement touches each of them alike. `runs[i]` rounds time fns[i].
 */
export function timeInterleaved(fns: readonly (() => unknown)[], runs: number | readonly number[], warmup: number): Timing[] {
  const want = fns.map((_, i) => (typeof runs === 'number' ? runs : (runs[i] ?? 1)));
  const samples: number[][] = fns.map(() => []);
  let sink: unknown;
  for (let w = 0; w < warmup; w++) for (const fn of fns) sink = fn();
  const rounds = Math.max(...want);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      if (r >= (want[i] ?? 0)) return;
      const t0 = process.hrtime.bigint();
      sink = fn();
      samples[i]?.push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  if (sink === Symbol.for('never')) process.stdout.write('');
  return samples.map((s, i) => ({ medianMs: median(s), minMs: Math.min(...s), maxMs: Math.max(...s), runs: want[i] ?? 0 }));
}
