// The bench's input: mixed Chinese and English page text of a given size in UTF-8 bytes, built
// deterministically from a seed, without the evaluation corpora (which must not feed anything in
// the repository). English paragraphs reuse sentences of the seed articles when they are present
// (../shared/seeds), Chinese paragraphs are generated from everyday words, and sentences from the
// rules' own examples are sprinkled in at a low rate so the matcher has real hits to record.
import { commonWords } from './common-words';
import { seededRandom } from './seeded-random';
import type { SeededRandom } from './seeded-random';

export interface MixedTextOptions {
  /** Target size in UTF-8 bytes; the result is at most this size and within a few bytes of it. */
  bytes: number;
  seed?: number;
  /** English source texts (the seed articles); generated English is used when empty. */
  englishTexts?: readonly string[];
  /** Sentences to sprinkle in (the rules' examples). */
  sprinkle?: readonly string[];
  /** Chance that a sentence is followed by one sprinkled sentence. */
  sprinkleRate?: number;
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 20);
}

function chineseSentence(rng: SeededRandom): string {
  const n = 6 + rng.int(14);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += rng.pick(commonWords.zh);
    if (i > 2 && i < n - 1 && rng.next() < 0.12) s += '，';
  }
  return s + (rng.next() < 0.85 ? '。' : '！');
}

function englishSentence(rng: SeededRandom): string {
  const n = 8 + rng.int(14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(commonWords.en));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

export function buildMixedText(options: MixedTextOptions): string {
  const rng = seededRandom(options.seed ?? 20240601);
  const english = (options.englishTexts ?? []).flatMap(splitSentences);
  const sprinkle = options.sprinkle ?? [];
  const rate = options.sprinkleRate ?? 0.02;
  const parts: string[] = [];
  let size = 0;
  const add = (s: string): void => {
    parts.push(s);
    size += Buffer.byteLength(s, 'utf8');
  };
  while (size < options.bytes) {
    const zh = rng.next() < 0.5;
    const sentences = 3 + rng.int(6);
    for (let i = 0; i < sentences; i++) {
      if (zh) add(chineseSentence(rng));
      else add((english.length > 0 ? rng.pick(english) : englishSentence(rng)) + ' ');
      if (sprinkle.length > 0 && rng.next() < rate) add(rng.pick(sprinkle) + (zh ? '' : ' '));
    }
    add('\n');
  }
  return truncateUtf8(parts.join(''), options.bytes);
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `bytes` (never splits a character). */
export function truncateUtf8(text: string, bytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= bytes) return text;
  let end = bytes;
  // Back off continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}
