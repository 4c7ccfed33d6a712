// Training of the learned second opinion (src/engine/text-model.ts): multinomial logistic
// regression over hashed features, fitted by AdaGrad with L2, deterministic for a given seed.
// Node only (scripts/train-model.ts and the tests); the extension only reads the weights.
//
// Written here rather than taken from a library: the model is sparse (a few hundred features per
// text out of 2^16 buckets) and must use exactly the features the engine reads at run time
// (forEachFeature), which no general-purpose package does; the whole fit is some forty lines.
import { normalizeText } from '../../src/engine/normalize-text';
import { DEFAULT_ALONE_THRESHOLD, forEachStretchFeature, MODEL_CLASSES, MODEL_FORMAT, stretchCount, type ModelClass, type TextModelFile } from '../../src/engine/text-model';
import { seededRandom } from './seeded-random';

export interface TrainingText {
  label: ModelClass;
  text: string;
  /** Where it came from, for the report. */
  origin: string;
}

export interface Sample {
  label: number;
  /** Distinct buckets and their values (count / √total), as parallel arrays. */
  buckets: Int32Array;
  values: Float64Array;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
  /** Fits from this many shuffles (seed, seed + 1, …), averaged: one fit depends on its order of samples. */
  runs: number;
}

export const DEFAULT_TRAIN: TrainOptions = { bits: 15, epochs: 12, rate: 0.5, l2: 1e-6, seed: 7, runs: 5 };

/** The samples of one text: its stretches as the engine reads them (forEachStretchFeature). */
export function samplesOf(t: TrainingText, bits: number): Sample[] {
  const codes = normalizeText(t.text).codes;
  const label = MODEL_CLASSES.indexOf(t.label);
  if (label < 0) throw new Error(`unknown label ${t.label}`);
  const out: Sample[] = [];
  for (let k = 0; k < stretchCount(codes.length); k++) {
    const counts = new Map<number, number>();
    let n = 0;
    forEachStretchFeature(codes, k, codes.length, bits, (b) => {
      counts.set(b, (counts.get(b) ?? 0) + 1);
      n++;
    });
    if (n > 0) {
      const norm = 1 / Math.sqrt(n);
      const buckets = Int32Array.from(counts.keys());
      const values = Float64Array.from(buckets, (b) => counts.get(b)! * norm);
      out.push({ label, buckets, values });
    }
  }
  return out;
}

export interface Trained {
  weights: Float64Array;
  bias: Float64Array;
}

const C = MODEL_CLASSES.length;

/**
 * Fits the weights o.runs times, each from its own shuffle of the samples, and averages them. One fit
 * depends on the order it saw the samples in: adding three texts reshuffles everything, and a text
 * near the threshold could change side; the average of several orders does not swing like that.
 */
export function train(samples: Sample[], o: TrainOptions): Trained {
  let sum: Trained | null = null;
  for (let r = 0; r < o.runs; r++) {
    const one = fit(samples, o, o.seed + r);
    if (!sum) sum = one;
    else {
      for (let i = 0; i < one.weights.length; i++) sum.weights[i]! += one.weights[i]!;
      for (let c = 0; c < C; c++) sum.bias[c]! += one.bias[c]!;
    }
  }
  if (!sum) throw new Error('runs must be at least 1');
  for (let i = 0; i < sum.weights.length; i++) sum.weights[i]! /= o.runs;
  for (let c = 0; c < C; c++) sum.bias[c]! /= o.runs;
  return sum;
}

/** One fit; each class weighed by the inverse of its share, so benign text cannot drown the rest. */
function fit(samples: Sample[], o: TrainOptions, seed: number): Trained {
  const size = (1 << o.bits) * C;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  const bias = new Float64Array(C);
  const bg2 = new Float64Array(C).fill(1e-8);
  const perClass = new Float64Array(C);
  for (const s of samples) perClass[s.label]!++;
  const classWeight = Float64Array.from(perClass, (n) => (n > 0 ? samples.length / (C * n) : 0));
  const order = samples.map((_, i) => i);
  const random = seededRandom(seed);
  const p = new Float64Array(C);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const s = samples[k]!;
      logits(w, bias, s, p);
      softmax(p);
      const cw = classWeight[s.label]!;
      for (let c = 0; c < C; c++) {
        const err = (p[c]! - (c === s.label ? 1 : 0)) * cw;
        bg2[c]! += err * err;
        bias[c]! -= (o.rate * err) / Math.sqrt(bg2[c]!);
        for (let f = 0; f < s.buckets.length; f++) {
          const at = s.buckets[f]! * C + c;
          const g = err * s.values[f]! + o.l2 * w[at]!;
          g2[at]! += g * g;
          w[at]! -= (o.rate * g) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  return { weights: w, bias };
}

function logits(w: Float64Array, bias: Float64Array, s: Sample, out: Float64Array): void {
  for (let c = 0; c < C; c++) out[c] = bias[c]!;
  for (let f = 0; f < s.buckets.length; f++) {
    const at = s.buckets[f]! * C;
    const v = s.values[f]!;
    for (let c = 0; c < C; c++) out[c]! += w[at + c]! * v;
  }
}

function softmax(p: Float64Array): void {
  let max = -Infinity;
  for (const v of p) if (v > max) max = v;
  let total = 0;
  for (let c = 0; c < C; c++) {
    p[c] = Math.exp(p[c]! - max);
    total += p[c]!;
  }
  for (let c = 0; c < C; c++) p[c]! /= total;
}

/** Probabilities of a sample under float weights (for validation before quantising). */
export function predict(t: Trained, s: Sample): Float64Array {
  const p = new Float64Array(C);
  logits(t.weights, t.bias, s, p);
  softmax(p);
  return p;
}

/** Weights to the stored form: Int8 with one scale, base64. */
export function toModelFile(t: Trained, bits: number, threshold: number, noticeThreshold: number, trained: unknown): TextModelFile {
  let max = 0;
  for (const v of t.weights) if (Math.abs(v) > max) max = Math.abs(v);
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(t.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(t.weights[i]! / scale)));
  return {
    format: MODEL_FORMAT,
    bits,
    scale,
    bias: [...t.bias].map((b) => Math.round(b * 1e6) / 1e6),
    threshold,
    noticeThreshold,
    aloneThreshold: DEFAULT_ALONE_THRESHOLD,
    weights: Buffer.from(q.buffer).toString('base64'),
    trained,
  };
}
