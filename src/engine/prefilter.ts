// The first stage of the content script (issue 11, "Light on every page"): a small set of
// trigger strings ("grams") such that any text the full engine could flag contains at least one
// of them. Most pages contain none, and never pay for the full rules (about 1.3 MB of compiled
// automaton); a page that does loads them and is read by analyze() as before.
//
// Why it never misses what analyze() would flag: a page warns only when some rule of a scam type
// (not `context`) fires, or some claim cue does (score-findings.ts: signals alone never warn).
// - A plain phrase fires only where its normalised text occurs: one substring of it is a gram.
// - A `near` cue fires only where a phrase of each group occurs: the grams of one group suffice.
// - An anchored regular expression runs only around hits of its anchor literals (and, when
//   confirmed, of its confirming literals too): the grams of one of those sets suffice. An
//   unanchored one has no literal to rely on: the whole text is read for it (`always`).
// - Claims (read-claims.ts) start at a number and need a percent sign, a currency, a multiple or
//   a pay word beside it: CLAIM_TRIGGER, checked only where the text holds a numeral at all.
// Grams are found in the text normalised exactly as analyze() normalises it (normalize-text.ts),
// so spacing, full-width, homoglyph and traditional-character evasions are seen through alike.
// Pure: no browser API. The build derives the bundled rules' grams; the background derives a
// feed's when it accepts one (rules-in-force.ts).
import type { CompiledRules } from './compile-rules';
import { normalizeText, startsWordAfter, wordChars, type NormalizeScratch } from './normalize-text';

export const PREFILTER_FORMAT = 2;

/**
 * What the content script carries: the grams of a set of rules, packed into a few strings so that
 * reading it costs no parse of thousands of small JSON strings (issue 11: the content script's
 * evaluation is paid on every page), and the index over them is built only when a page first has
 * text to check.
 */
export interface SerializedPrefilter {
  format: typeof PREFILTER_FORMAT;
  /**
   * Every gram (normalised text, word marks kept), each followed by GRAM_SEPARATOR: first the
   * `direct` ones, any one of which may make the rules fire, then the grams of the requirements.
   * Normalised text never holds the separator (the normaliser drops control characters and turns
   * every line break into a space).
   */
  grams: string;
  /** How many of `grams` decide alone. */
  direct: number;
  /**
   * Requirements of several slots (a `near` cue's groups, a regex's anchors and confirming
   * literals): each may make a rule fire only where every slot has one of its grams. Written as
   * gram numbers (base 36) joined by ',' within a slot, slots joined by '|', requirements by ';'.
   */
  all: string;
  /** True when some rule can fire without any literal: every text must be read. */
  always: boolean;
}

/** Ends each gram in SerializedPrefilter.grams. */
export const GRAM_SEPARATOR = '\n';

/**
 * What every claim needs (read-claims.ts), as one regular expression over the normalised text,
 * read only where the text has a numeral (every claim starts at a number: digits, or Chinese
 * numerals before 元 块 倍 % 成 or after 百分之, 投, 回来, 分红 or 返): a percentage (% or 百分之, a rate column's "(%)"), a
 * currency before the amount ($ ¥ usd usdt rmb cny; NFKC folds ￥ to ¥), a currency or multiple
 * right after it (元 块 美元 倍 x × u trx eth btc dollars, 万 or 千 in the amount), the pay words that
 * make a bare number pay (日结 日薪 月薪 时薪 周薪 底薪 工资), or a doubling word read with a term
 * ("double your money in 48 hours"), a Chinese numeral after a money verb ("投一万", "回来一千五",
 * "返三千"), or tenths ("两成", read as 20%).
 * A superset: it may hold where no claim is read, never the
 * other way round (tests/unit/prefilter.test.ts).
 */
export const CLAIM_TRIGGER = /[%$¥]|百分之|usd|rmb|cny|dollar|doubl|tripl|quadrupl|日结|日薪|月薪|时薪|周薪|底薪|工资|[0-9零〇一二两三四五六七八九十百千万亿][km万千亿]?\s?(?:元|块|美元|倍|x|×|u\b|trx|eth|btc)|[0-9][万千]|(?:投|回来|分红|返)[资入了个能到]{0,2}[零〇一二两三四五六七八九十百千万亿]|[一二两三四五六七八九]成/;

/** Characters that start a number for the claims reader. */
const NUMERAL = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) NUMERAL[c] = 1;
for (const c of '零〇一二两三四五六七八九十百千万亿') NUMERAL[c.charCodeAt(0)] = 1;

const isCjk = (c: number): boolean => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);

/** Rough frequency of a character in ordinary text (higher: more common), to pick rare grams. */
const EN_FREQ: Record<string, number> = {
  ' ': 18, e: 12.7, t: 9.1, a: 8.2, o: 7.5, i: 7, n: 6.7, s: 6.3, h: 6.1, r: 6, d: 4.3, l: 4, c: 2.8, u: 2.8, m: 2.4, w: 2.4,
  f: 2.2, g: 2, y: 2, p: 1.9, b: 1.5, v: 1, k: 0.8, j: 0.15, x: 0.15, q: 0.1, z: 0.07,
};
function charCost(ch: string, common: string): number {
  const f = EN_FREQ[ch];
  if (f !== undefined) return Math.log(f / 100);
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return Math.log(0.01);
  if (isCjk(c)) return common.includes(ch) ? Math.log(0.01) : Math.log(0.001);
  return Math.log(0.005);
}

/** Longest gram kept for Latin text; Chinese phrases use two characters. */
const LATIN_GRAM = 8;
const CJK_GRAM = 2;

/** A gram that must start a word (the matcher's word-start mark), and one that must end one. */
export const GRAM_START = '\u0001';
export const GRAM_END = '\u0002';

/**
 * The candidate grams of one phrase: its substrings of the gram length (or the phrase itself when
 * shorter) and its Chinese pairs. A gram at the phrase's start keeps the phrase's word-start
 * mark, one at its end the word end that every use of the phrase needs: "eth" is then not found
 * in "method".
 */
function candidates(key: string, endsWord: boolean): string[] {
  // The key marks every word start of the phrase (compile-rules.ts WORD_START), not only its first.
  let phrase = '';
  const markAt = new Set<number>();
  for (const ch of key) {
    if (ch === GRAM_START) markAt.add(phrase.length);
    else phrase += ch;
  }
  const out = new Set<string>();
  const mark = (g: string, at: number): string => (markAt.has(at) ? GRAM_START : '') + g + (endsWord && at + g.length === phrase.length ? GRAM_END : '');
  const k = Math.min(phrase.length, LATIN_GRAM);
  for (let i = 0; i + k <= phrase.length; i++) out.add(mark(phrase.slice(i, i + k), i));
  for (let i = 0; i + CJK_GRAM <= phrase.length; i++) {
    const g = phrase.slice(i, i + CJK_GRAM);
    if (isCjk(g.charCodeAt(0)) || isCjk(g.charCodeAt(1))) out.add(mark(g, i));
  }
  return [...out];
}

/** The text of a gram without its word marks. */
const bare = (g: string): string => g.slice(g.startsWith(GRAM_START) ? 1 : 0, g.endsWith(GRAM_END) ? -1 : undefined);

/** Common English endings: grams made of them occur on every page. */
const COMMON_ENDINGS = ['tion', 'ing', 'ment', 'ness', 'ally', 'ther', 'ould', 'ence', 'ance', 'able', 'ions', 'ight', 'ough', 'ated'];

/**
 * Derives the grams of compiled rules. `commonText`: everyday words (scripts/lib/common-words.ts
 * at build time, normalised); grams inside them are avoided where a phrase offers rarer ones.
 * Which grams are picked changes only how often ordinary pages load the rules, never soundness.
 */
export function derivePrefilter(compiled: CompiledRules, commonText = ''): SerializedPrefilter {
  const common = ` ${commonText} `;
  const { rules, uses, phrases } = compiled;
  // Each part of a rule that can fire alone is a requirement: a plain phrase (one slot), a `near`
  // cue (a slot per group: every group must occur), a regular expression (its anchors, and its
  // confirming literals when it has them: both must occur).
  const plain = new Set<number>();
  const parts = new Map<string, Map<number, Set<number>>>();
  for (let p = 0; p < phrases.length; p++) {
    for (let k = uses.start[p]!; k < uses.start[p + 1]!; k++) {
      const rule = uses.rule[k]!;
      if (rules[rule]!.type === 'context') continue;
      const group = uses.group[k]!;
      if (group === -1) {
        plain.add(p);
        continue;
      }
      // A near group (≥ 0) or a literal set of regex k: its anchors are -2 - 2k, its confirms -3 - 2k.
      const [part, slot] = group >= 0 ? [`n${rule}`, group] : [`r${(-2 - group) >> 1}`, (-2 - group) & 1];
      let slots = parts.get(part);
      if (!slots) parts.set(part, (slots = new Map()));
      let set = slots.get(slot);
      if (!set) slots.set(slot, (set = new Set()));
      set.add(p);
    }
  }
  // Whether every use of a phrase (for a scam type) needs a word end after it, and no open end.
  const endsWord = new Uint8Array(phrases.length);
  for (let p = 0; p < phrases.length; p++) {
    let every = true;
    for (let k = uses.start[p]!; k < uses.start[p + 1]!; k++) {
      if (rules[uses.rule[k]!]!.type !== 'context' && (uses.boundary[k]! & 6) !== 2) every = false;
    }
    endsWord[p] = every ? 1 : 0;
  }
  let always = false;
  for (const r of compiled.regexes) if (!r.anchored && rules[r.rule]!.type !== 'context') always = true;

  const chosen = new Set<string>();
  const costOf = (g: string): number => {
    let c = 0;
    const text = bare(g);
    for (const ch of text) c += charCost(ch, common);
    // A word of its own is rarer than the same letters anywhere.
    if (g !== text) c -= 3 * (g.length - text.length);
    // Inside an everyday word or made of a common ending: as good as certain on some ordinary page.
    if (common.includes(` ${text} `) || (g === text && common.includes(text))) c += 20;
    if (COMMON_ENDINGS.some((e) => text.includes(e)) && text.length <= 6) c += 10;
    return c;
  };
  /** The rarest candidate gram of a phrase (preferring one already chosen at the same cost). */
  const gramOf = (p: number): string => {
    let best = { gram: '', cost: Infinity };
    for (const g of candidates(phrases[p]!, endsWord[p] === 1)) {
      const cost = costOf(g) - (chosen.has(g) ? 0.5 : 0);
      if (cost < best.cost) best = { gram: g, cost };
    }
    chosen.add(best.gram);
    return best.gram;
  };
  const grams = new Set<string>();
  for (const p of plain) grams.add(gramOf(p));
  const all: string[][][] = [];
  for (const slots of parts.values()) {
    const req = [...slots.values()].map((ps) => [...new Set([...ps].map(gramOf))].sort());
    // A slot already covered by a plain gram makes the requirement no stricter than that gram.
    if (req.length === 1) for (const g of req[0]!) grams.add(g);
    else all.push(req);
  }
  grams.delete('');
  const direct = new Set(grams);
  // A requirement one of whose slots holds only direct grams adds nothing: a direct gram decides first.
  const kept = all.filter((req) => !req.some((slot) => slot.every((g) => direct.has(g))));
  return packPrefilter([...grams].sort(), kept, always);
}

/** Packs grams that decide alone and requirements (slots of grams) into the serialized form. */
export function packPrefilter(direct: readonly string[], all: readonly (readonly (readonly string[])[])[], always: boolean): SerializedPrefilter {
  const ids = new Map<string, number>();
  const list: string[] = [];
  const idOf = (g: string): number => {
    let id = ids.get(g);
    if (id === undefined) {
      ids.set(g, (id = list.length));
      list.push(g);
    }
    return id;
  };
  for (const g of direct) idOf(g);
  const count = list.length;
  const packed = all.map((req) => req.map((slot) => slot.map((g) => idOf(g).toString(36)).join(',')).join('|')).join(';');
  return { format: PREFILTER_FORMAT, grams: list.map((g) => g + GRAM_SEPARATOR).join(''), direct: count, all: packed, always };
}

/** The grams of a serialized prefilter, in order (a packed string split). */
function gramsOf(s: SerializedPrefilter): string[] {
  const list = s.grams.split(GRAM_SEPARATOR);
  list.pop();
  return list;
}

/** The requirements of a serialized prefilter as gram numbers: requirement → slot → grams. */
function requirementsOf(s: SerializedPrefilter): number[][][] {
  if (s.all === '') return [];
  return s.all.split(';').map((req) => req.split('|').map((slot) => slot.split(',').map((id) => parseInt(id, 36))));
}

/** The grams and requirements of a prefilter unpacked (for tests and tools). */
export function unpackPrefilter(s: SerializedPrefilter): { direct: string[]; all: string[][][] } {
  const list = gramsOf(s);
  return { direct: list.slice(0, s.direct), all: requirementsOf(s).map((req) => req.map((slot) => slot.map((id) => list[id]!))) };
}

export class SerializedPrefilterError extends Error {
  override name = 'SerializedPrefilterError';
}

const MAX_GRAMS = 200_000;
const MAX_REQUIREMENTS = 100_000;

/** A prefilter read back from storage: checked, since storage is never trusted blindly. */
export function parsePrefilter(value: unknown): SerializedPrefilter {
  const v = value as Partial<SerializedPrefilter> | null;
  if (typeof v !== 'object' || v === null || v.format !== PREFILTER_FORMAT || typeof v.always !== 'boolean' || typeof v.grams !== 'string' || typeof v.all !== 'string' || typeof v.direct !== 'number') {
    throw new SerializedPrefilterError('not a prefilter');
  }
  const s: SerializedPrefilter = { format: PREFILTER_FORMAT, grams: v.grams, direct: v.direct, all: v.all, always: v.always };
  if (s.grams !== '' && !s.grams.endsWith(GRAM_SEPARATOR)) throw new SerializedPrefilterError('bad grams');
  const list = gramsOf(s);
  if (list.length > MAX_GRAMS || !Number.isSafeInteger(s.direct) || s.direct < 0 || s.direct > list.length) throw new SerializedPrefilterError('bad grams');
  for (const g of list) {
    const length = bare(g).length;
    if (length === 0 || length > MAX_GRAM_LENGTH) throw new SerializedPrefilterError('bad grams');
  }
  if (s.all !== '') {
    if (!/^[0-9a-z,|;]*$/.test(s.all)) throw new SerializedPrefilterError('bad requirements');
    const all = requirementsOf(s);
    if (all.length > MAX_REQUIREMENTS) throw new SerializedPrefilterError('bad requirements');
    for (const req of all) for (const slot of req) for (const id of slot) if (!(id >= 0 && id < list.length)) throw new SerializedPrefilterError('bad requirements');
  }
  return s;
}

/** Longest gram (its text, marks not counted) the matcher looks for. */
const MAX_GRAM_LENGTH = 31;

/**
 * The grams as the matcher looks them up, built from the packed strings on a page's first text:
 * an open-addressing table from the hash of a gram's text to the gram, over typed arrays (no
 * string is made while scanning or building: the gram texts are read in place in the packed
 * string, in one pass over it, since this runs cold on every page that has text; issue 11).
 */
interface GramIndex {
  /** Bit ℓ set when some gram has length ℓ. */
  lengths: number;
  maxLength: number;
  /** 2^FILTER_BITS bits: set for the hash of every gram. */
  filter: Int32Array;
  /** Open addressing by hash: the gram number + 1 in each slot (0: empty), and its hash. */
  slotGram: Int32Array;
  slotHash: Int32Array;
  /** The packed grams (SerializedPrefilter.grams): each gram's text is read in place. */
  packed: string;
  /** Where each gram's text (marks removed) starts in `packed`, and its length. */
  textStart: Int32Array;
  textLength: Uint8Array;
  /** Each gram's marks (1: starts a word, 2: ends one). */
  marks: Uint8Array;
  direct: number;
  count: number;
}

const FILTER_BITS = 16;
const FILTER_MASK = (1 << FILTER_BITS) - 1;
// The matcher's hash of code units, the same in the index and over the text: h = h * 31 + unit
// over the gram, mixed as h ^ (h >>> 15) (written out where it is used).

/** How many grams a packed string holds (its separators). */
function countGrams(packed: string): number {
  let count = 0;
  for (let at = packed.indexOf(GRAM_SEPARATOR); at >= 0; at = packed.indexOf(GRAM_SEPARATOR, at + 1)) count++;
  return count;
}

function buildIndex(s: SerializedPrefilter): GramIndex {
  const packed = s.grams;
  const count = countGrams(packed);
  let size = 16;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const filter = new Int32Array(1 << (FILTER_BITS - 5));
  const slotGram = new Int32Array(size);
  const slotHash = new Int32Array(size);
  const textStart = new Int32Array(count);
  const textLength = new Uint8Array(count);
  const marks = new Uint8Array(count);
  let lengths = 0;
  let maxLength = 0;
  let at = 0;
  for (let id = 0; id < count; id++) {
    let end = packed.indexOf(GRAM_SEPARATOR, at);
    let start = at;
    let mark = 0;
    if (packed.charCodeAt(start) === 1) {
      mark |= 1;
      start++;
    }
    at = end + 1;
    if (end > start && packed.charCodeAt(end - 1) === 2) {
      mark |= 2;
      end--;
    }
    const length = end - start;
    textStart[id] = start;
    textLength[id] = length;
    marks[id] = mark;
    lengths |= 1 << length;
    if (length > maxLength) maxLength = length;
    let h = 0;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + packed.charCodeAt(i)) | 0;
    const m = h ^ (h >>> 15);
    const bit = m & FILTER_MASK;
    filter[bit >>> 5]! |= 1 << (bit & 31);
    let slot = m & mask;
    while (slotGram[slot] !== 0) slot = (slot + 1) & mask;
    slotGram[slot] = id + 1;
    slotHash[slot] = h;
  }
  return { lengths, maxLength, filter, slotGram, slotHash, packed, textStart, textLength, marks, direct: s.direct, count };
}

/**
 * Marks in `hit` the grams of the index that occur in codes; true as soon as a direct one does.
 */
function scanGrams(codes: Uint16Array, index: GramIndex, hit: Uint8Array): boolean {
  const n = codes.length;
  const { lengths, maxLength, filter, slotGram, slotHash, packed, textStart, textLength, marks, direct } = index;
  const mask = slotGram.length - 1;
  for (let i = 0; i < n; i++) {
    let h = 0;
    const top = Math.min(maxLength, n - i);
    for (let l = 1; l <= top; l++) {
      h = (Math.imul(h, 31) + codes[i + l - 1]!) | 0;
      if ((lengths & (1 << l)) === 0) continue;
      // mix(h), written out: this loop runs cold on every page's first text.
      const m = h ^ (h >>> 15);
      const bit = m & FILTER_MASK;
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
      for (let slot = m & mask; slotGram[slot] !== 0; slot = (slot + 1) & mask) {
        if (slotHash[slot] !== h) continue;
        const id = slotGram[slot]! - 1;
        if (textLength[id] !== l) continue;
        const start = textStart[id]!;
        let same = true;
        for (let k = 0; k < l; k++) {
          if (packed.charCodeAt(start + k) !== codes[i + k]) {
            same = false;
            break;
          }
        }
        if (!same) continue;
        // The same tests as the matcher's (analyze.ts, compile-rules.ts): a word starts where the
        // class rises, and ends before anything that is not a letter or digit.
        const mark = marks[id]!;
        if ((mark & 1) !== 0 && !(i === 0 || startsWordAfter(codes[i - 1]!, codes[i]!))) continue;
        if ((mark & 2) !== 0 && !(i + l === n || wordChars[codes[i + l]!] === 0)) continue;
        if (id < direct) return true;
        hit[id] = 1;
      }
    }
  }
  return false;
}

/** 0-9 a-z as base-36 digits, anything else -1 (the separators of SerializedPrefilter.all). */
function digit36(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  return -1;
}

/**
 * Whether some requirement has a hit gram in every slot, read in one pass over the packed string
 * (no arrays built: it runs cold, on the first page text that holds any of their grams).
 */
function requirementMet(all: string, hit: Uint8Array): boolean {
  const n = all.length;
  if (n === 0) return false;
  /** Every slot of the requirement so far had a hit; the current slot has one. */
  let every = true;
  let slotHit = false;
  let id = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? all.charCodeAt(i) : 59;
    const d = digit36(c);
    if (d >= 0) {
      id = id * 36 + d;
      continue;
    }
    if (hit[id] === 1) slotHit = true;
    id = 0;
    if (c === 44) continue; // ',' another gram of the slot
    every = every && slotHit;
    slotHit = false;
    if (c === 124) continue; // '|' the next slot
    // ';' or the end: the requirement is complete.
    if (every) return true;
    every = true;
  }
  return false;
}

export interface Prefilter {
  /** Whether the full engine could flag `text` (or a page with this title): false means it cannot. */
  mayFlag(text: string): boolean;
  /** Builds the index now rather than at the first text (a worker that expects pages soon). */
  prepare(): void;
}

const scratch: NormalizeScratch = { out: new Uint16Array(0), start: new Int32Array(0) };

/** The matcher of a serialized prefilter; its index is built on the first text it is given. */
export function createPrefilter(s: SerializedPrefilter): Prefilter {
  let index: GramIndex | null = null;
  let hit = new Uint8Array(0);
  const built = (): GramIndex => {
    if (index === null) {
      index = buildIndex(s);
      hit = new Uint8Array(index.count);
    }
    return index;
  };
  return {
    prepare() {
      if (!s.always) built();
    },
    mayFlag(text) {
      if (s.always) return true;
      if (text.length === 0) return false;
      const index = built();
      const norm = normalizeText(text, scratch);
      const codes = norm.codes;
      hit.fill(0);
      if (scanGrams(codes, index, hit)) return true;
      if (hit.indexOf(1) >= 0 && requirementMet(s.all, hit)) return true;
      for (let i = 0; i < codes.length; i++) if (NUMERAL[codes[i]!] === 1) return CLAIM_TRIGGER.test(norm.text);
      return false;
    },
  };
}
