// A small learned second opinion beside the rules (issue 9: detection that generalises). The
// rules name mechanisms; a scam worded in a way no rule lists still shares much of its language
// with the scams the project has written down: what it asks for, whom it addresses, how it talks
// about money. This model reads that language from hashed features (Chinese characters and pairs
// of characters, English words and pairs of words, digits folded to 0) and gives, per stretch of
// text, the probability of each class: benign, investment, recruitment, romance.
//
// It is trained only on text the project wrote (`training/`, `scripts/train-model.ts`), never on
// the evaluation corpora, and shipped as weights in the repository. It never warns on its own: a
// stretch it reads as a scam adds a cue of MODEL_WEIGHT to the passage, which warns only beside a
// cue of the rules (score-findings.ts: caution needs 4 points from two cues or 5 from one).
//
// No browser API here: the same code runs in the extension, the CLI tools and the tests.

/** Classes, in the order of the weights. Index 0 is benign. */
export const MODEL_CLASSES = ['benign', 'investment', 'recruitment', 'romance'] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];
const C = MODEL_CLASSES.length;

export const MODEL_FORMAT = 1;

export interface TextModel {
  format: number;
  /** log2 of the number of hashed feature buckets. */
  bits: number;
  /** Weight of bucket b for class c: weights[b · 4 + c] · scale. */
  weights: Int8Array;
  scale: number;
  bias: Float64Array;
  /** A stretch counts as class c (not benign) when its probability is at least this. */
  threshold: number;
}

/** The model's weights as stored (model/text-model.json). */
export interface TextModelFile {
  format: number;
  bits: number;
  scale: number;
  bias: number[];
  threshold: number;
  /** Base64 of the Int8 weights, bucket-major. */
  weights: string;
  /** What it was trained on and how well it did (written by scripts/train-model.ts). */
  trained?: unknown;
}

export class TextModelError extends Error {}

function decodeBase64(s: string): Uint8Array {
  // atob is in browsers, workers and Node ≥ 16.
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Checks a stored model (from the repository, storage or a test) and makes it usable. */
export function parseTextModel(file: unknown): TextModel {
  if (typeof file !== 'object' || file === null) throw new TextModelError('the model is not an object');
  const f = file as Partial<TextModelFile>;
  if (f.format !== MODEL_FORMAT) throw new TextModelError(`the model's format is ${String(f.format)}, not ${MODEL_FORMAT}`);
  if (typeof f.bits !== 'number' || !Number.isInteger(f.bits) || f.bits < 8 || f.bits > 22) throw new TextModelError('the model has no valid "bits"');
  if (typeof f.scale !== 'number' || !Number.isFinite(f.scale) || f.scale <= 0) throw new TextModelError('the model has no valid "scale"');
  if (typeof f.threshold !== 'number' || !(f.threshold > 0 && f.threshold < 1)) throw new TextModelError('the model has no valid "threshold"');
  if (!Array.isArray(f.bias) || f.bias.length !== C || !f.bias.every((b) => typeof b === 'number' && Number.isFinite(b))) {
    throw new TextModelError(`the model's "bias" must be ${C} numbers`);
  }
  if (typeof f.weights !== 'string') throw new TextModelError('the model has no "weights"');
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(f.weights);
  } catch {
    throw new TextModelError('the model\'s "weights" are not base64');
  }
  if (bytes.length !== (1 << f.bits) * C) throw new TextModelError(`the model has ${bytes.length} weights, not ${(1 << f.bits) * C}`);
  return {
    format: f.format,
    bits: f.bits,
    weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length),
    scale: f.scale,
    bias: Float64Array.from(f.bias),
    threshold: f.threshold,
  };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const mix = (h: number, x: number): number => Math.imul(h ^ x, FNV_PRIME);
/** Kinds of feature, mixed into the hash so a character and a word never share a key. */
const CJK_ONE = 1;
const CJK_TWO = 2;
const WORD_ONE = 3;
const WORD_TWO = 4;

const isCjk = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27;

/** Final avalanche of a 32-bit hash (murmur3's fmix), so the top bits pick the bucket well. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Calls `emit(bucket)` for every feature of normalised text codes[from, to): each Chinese
 * character and each pair of adjacent ones; each English word and each pair of adjacent words
 * (digits read as 0, so "$500" and "$800" are one word). The same function serves training and
 * scoring, so the two can never read text differently.
 */
export function forEachFeature(codes: ArrayLike<number>, from: number, to: number, bits: number, emit: (bucket: number) => void): void {
  const shift = 32 - bits;
  let prevCjk = -1;
  let word = 0;
  let wordLen = 0;
  let prevWord = 0;
  let hasPrevWord = false;
  const endWord = (): void => {
    if (wordLen === 0) return;
    emit(finish(mix(word, WORD_ONE)) >>> shift);
    if (hasPrevWord) emit(finish(mix(mix(mix(FNV_OFFSET, prevWord), word), WORD_TWO)) >>> shift);
    prevWord = word;
    hasPrevWord = true;
    word = 0;
    wordLen = 0;
  };
  for (let i = from; i < to; i++) {
    let c = codes[i]!;
    if (isCjk(c)) {
      endWord();
      hasPrevWord = false;
      emit(finish(mix(mix(FNV_OFFSET, c), CJK_ONE)) >>> shift);
      if (prevCjk >= 0) emit(finish(mix(mix(mix(FNV_OFFSET, prevCjk), c), CJK_TWO)) >>> shift);
      prevCjk = c;
      continue;
    }
    prevCjk = -1;
    if (isWordChar(c)) {
      if (c >= 0x31 && c <= 0x39) c = 0x30;
      word = wordLen === 0 ? mix(FNV_OFFSET, c) : mix(word, c);
      wordLen++;
      continue;
    }
    endWord();
    // Only a space keeps two words adjacent; punctuation and line ends part them.
    if (c !== 0x20) hasPrevWord = false;
  }
  endWord();
}

/** Class probabilities of codes[from, to), into `out` (length 4). Returns the number of features read. */
export function classify(model: TextModel, codes: ArrayLike<number>, from: number, to: number, out: Float64Array): number {
  const sums = new Float64Array(C);
  let n = 0;
  const w = model.weights;
  forEachFeature(codes, from, to, model.bits, (b) => {
    const at = b * C;
    sums[0]! += w[at]!;
    sums[1]! += w[at + 1]!;
    sums[2]! += w[at + 2]!;
    sums[3]! += w[at + 3]!;
    n++;
  });
  // Features are weighed as a unit vector (each occurrence 1/√n): a long stretch is not more certain
  // for being long. Training scales them the same way.
  const norm = n > 0 ? model.scale / Math.sqrt(n) : 0;
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    out[c] = model.bias[c]! + sums[c]! * norm;
    if (out[c]! > max) max = out[c]!;
  }
  let total = 0;
  for (let c = 0; c < C; c++) {
    out[c] = Math.exp(out[c]! - max);
    total += out[c]!;
  }
  for (let c = 0; c < C; c++) out[c]! /= total;
  return n;
}

/** Stretches the model reads: windows of STRETCH code units, each starting STRIDE after the last. */
export const STRETCH = 600;
export const STRIDE = 300;
/** Fewer features than this and the model does not judge (a button label, a heading). */
export const MIN_FEATURES = 12;
/** Weight of the cue a stretch gives when the model reads it as a scam. */
export const MODEL_WEIGHT = 2;

export interface ModelHit {
  type: Exclude<ModelClass, 'benign'>;
  /** The stretches, [start, end) in the normalised text, and each one's probability. */
  spans: [number, number][];
  best: number;
}

/** Where the model needs to look: stretches starting within `reach` of one of `positions` (sorted). */
export interface ModelFocus {
  positions: ArrayLike<number>;
  count: number;
  reach: number;
}

/**
 * The stretches of normalised text that the model reads as a scam, grouped by type. Long texts
 * are read in overlapping windows (STRETCH, STRIDE), so the cost is linear in the text's length.
 * With a focus, only the stretches that could share a passage with a cue of the rules are read:
 * the model's cue counts for nothing elsewhere (it never warns alone), so a page with no cue
 * costs it nothing.
 */
export function modelHits(model: TextModel, codes: ArrayLike<number>, length: number = codes.length, focus?: ModelFocus): ModelHit[] {
  const byType = new Map<ModelHit['type'], ModelHit>();
  const probs = new Float64Array(C);
  let next = 0;
  for (let from = 0; from < length; from += STRIDE) {
    const to = Math.min(length, from + STRETCH);
    if (focus) {
      while (next < focus.count && focus.positions[next]! < from - focus.reach) next++;
      if (next >= focus.count) break;
      if (focus.positions[next]! > from + focus.reach) {
        if (to >= length) break;
        continue;
      }
    }
    const n = classify(model, codes, from, to, probs);
    if (n >= MIN_FEATURES) {
      let top = 1;
      for (let c = 2; c < C; c++) if (probs[c]! > probs[top]!) top = c;
      if (probs[top]! >= model.threshold) {
        const type = MODEL_CLASSES[top] as ModelHit['type'];
        let hit = byType.get(type);
        if (!hit) byType.set(type, (hit = { type, spans: [], best: 0 }));
        hit.spans.push([from, to]);
        if (probs[top]! > hit.best) hit.best = probs[top]!;
      }
    }
    if (to >= length) break;
  }
  return [...byType.values()];
}
