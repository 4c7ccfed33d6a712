// Compiled rules as JSON, so that compiling happens once (at build time, or once in the background
// for a feed) and not on every page the content script runs in: compiling ~5,000 phrases costs
// tens of milliseconds (over 100 on a cold page), reading them back a few.
//
// Format 2 (issue 11: no task of the content script may take 50 ms): the parts are strings that
// are each cheap to revive, and reviveCompiled() revives them one step at a time, so the content
// script yields to the page between steps. Typed arrays travel as base64 of their little-endian
// bytes (decoded natively, then viewed, not copied number by number); the rules as JSON in parts
// of RULES_PER_PART; the phrases as one string. The root and word-start rows, 512 KiB of mostly
// zeros, are rebuilt from the edges instead of being shipped. Whatever comes from storage is
// checked before use: shapes, sizes and every bound the matcher relies on.
import type { CompiledRegex, CompiledRules } from './compile-rules';
import { deriveAutomaton } from './compile-rules';
import type { Rule } from './types';

export const SERIALIZED_FORMAT = 2;

/** Rules per JSON part: each part is parsed in a step of its own. */
const RULES_PER_PART = 40;

const INT32_ARRAYS = ['phraseLength', 'usesStart', 'usesRule', 'usesGroup', 'usesBoundary', 'edgeStart', 'edgeNext', 'fail', 'output', 'outLink'] as const;
type ArrayName = (typeof INT32_ARRAYS)[number] | 'edgeChar';

export interface SerializedRules {
  format: typeof SERIALIZED_FORMAT;
  /** JSON arrays of the rules (examples left out), RULES_PER_PART in each. */
  rules: string[];
  /** JSON of { nearWindow, nearGroups, regexes }. */
  meta: string;
  /** The normalised phrases, each followed by PHRASE_SEPARATOR. */
  phrases: string;
  /** Base64 of each typed array's little-endian bytes: Int32, edgeChar Uint16. */
  arrays: Record<ArrayName, string>;
}

interface Meta {
  nearWindow: number[];
  nearGroups: number[];
  regexes: { rule: number; windowSources: string[]; maxLength: number; anchored: boolean; confirmed: boolean }[];
}

/** Ends each phrase: the normaliser turns every line break into a space, so no phrase holds one. */
const PHRASE_SEPARATOR = '\n';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function bytesOf(a: Int32Array | Uint16Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) {
    if (a instanceof Int32Array) view.setInt32(i * 4, a[i]!, true);
    else view.setUint16(i * 2, a[i]!, true);
  }
  return out;
}

const fromBase64Native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;

/** The bytes of a base64 string; throws on anything that is not base64. */
function fromBase64(s: string): Uint8Array {
  if (fromBase64Native) return fromBase64Native(s);
  const binary = atob(s);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function decodeArray(s: unknown, kind: 'int32' | 'uint16'): Int32Array | Uint16Array {
  let bytes: Uint8Array;
  if (s instanceof Uint8Array) {
    // Already bytes (joinSplitRules): viewed in place when aligned, else copied.
    bytes = s.byteOffset % 4 === 0 ? s : s.slice();
  } else {
    if (typeof s !== 'string') throw new SerializedRulesError('an array is not a string');
    try {
      bytes = fromBase64(s);
    } catch {
      throw new SerializedRulesError('an array is not base64');
    }
  }
  const size = kind === 'int32' ? 4 : 2;
  if (bytes.length % size !== 0) throw new SerializedRulesError('an array has a partial element');
  if (LITTLE_ENDIAN) return kind === 'int32' ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = kind === 'int32' ? new Int32Array(bytes.length / 4) : new Uint16Array(bytes.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = kind === 'int32' ? view.getInt32(i * 4, true) : view.getUint16(i * 2, true);
  return out;
}

/** Whether every value of `a` lies in [lo, hi). */
function within(a: Int32Array, lo: number, hi: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! < lo || a[i]! >= hi) return false;
  return true;
}

export function serializeCompiled(c: CompiledRules): SerializedRules {
  const a = c.automaton;
  const rules = c.rules.map((r) => ({ ...r, examples: { scam: [], benign: [] } }));
  const parts: string[] = [];
  for (let i = 0; i < rules.length; i += RULES_PER_PART) parts.push(JSON.stringify(rules.slice(i, i + RULES_PER_PART)));
  const meta: Meta = {
    nearWindow: Array.from(c.nearWindow),
    nearGroups: Array.from(c.nearGroups),
    regexes: c.regexes.map((r) => ({ rule: r.rule, windowSources: r.windowRes.map((re) => re.source), maxLength: r.maxLength, anchored: r.anchored, confirmed: r.confirmed })),
  };
  const int32: Record<(typeof INT32_ARRAYS)[number], Int32Array> = {
    phraseLength: c.phraseLength,
    usesStart: c.uses.start,
    usesRule: c.uses.rule,
    usesGroup: c.uses.group,
    usesBoundary: c.uses.boundary,
    edgeStart: a.edgeStart,
    edgeNext: a.edgeNext,
    fail: a.fail,
    output: a.output,
    outLink: a.outLink,
  };
  const arrays = { edgeChar: toBase64(bytesOf(a.edgeChar)) } as Record<ArrayName, string>;
  for (const name of INT32_ARRAYS) arrays[name] = toBase64(bytesOf(Int32Array.from(int32[name])));
  return { format: SERIALIZED_FORMAT, rules: parts, meta: JSON.stringify(meta), phrases: c.phrases.map((p) => p + PHRASE_SEPARATOR).join(''), arrays };
}

/**
 * The bundled rules as two extension files (issue 11, "warn fast"): the JSON without the arrays,
 * whose `arrays` give each one's [byte offset, byte length] in `bytes`, the arrays' little-endian
 * bytes, each at an offset that is a multiple of 4. The background reads the bytes as they are:
 * no base64 to decode, and half the JSON to decode and parse, on the first page after install.
 */
export interface SplitRules {
  json: string;
  bytes: Uint8Array;
}

export function splitSerialized(s: SerializedRules): SplitRules {
  const parts: Uint8Array[] = [];
  const places = {} as Record<ArrayName, [number, number]>;
  let offset = 0;
  for (const name of [...INT32_ARRAYS, 'edgeChar'] as const) {
    const bytes = fromBase64(s.arrays[name]);
    places[name] = [offset, bytes.length];
    const padded = Math.ceil(bytes.length / 4) * 4;
    const part = new Uint8Array(padded);
    part.set(bytes);
    parts.push(part);
    offset += padded;
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { json: JSON.stringify({ ...s, arrays: places }), bytes };
}

/**
 * splitSerialized's two files (the JSON parsed) back as one value for reviveSteps, each array a
 * view of `bytes`. Throws a SerializedRulesError when a place lies outside the bytes or is
 * misaligned: the files are checked as a stored feed is.
 */
export function joinSplitRules(value: unknown, bytes: ArrayBuffer): unknown {
  const s = value as { arrays?: unknown } | null;
  if (typeof s !== 'object' || s === null || typeof s.arrays !== 'object' || s.arrays === null) throw new SerializedRulesError('missing parts');
  const places = s.arrays as Record<string, unknown>;
  const arrays = {} as Record<ArrayName, Uint8Array>;
  for (const name of [...INT32_ARRAYS, 'edgeChar'] as const) {
    const place = places[name];
    if (!Array.isArray(place) || place.length !== 2 || !place.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new SerializedRulesError('an array has no place');
    const [offset, length] = place as [number, number];
    if (offset % 4 !== 0 || offset + length > bytes.byteLength) throw new SerializedRulesError('an array lies outside the bytes');
    arrays[name] = new Uint8Array(bytes, offset, length);
  }
  return { ...s, arrays };
}

export class SerializedRulesError extends Error {
  override name = 'SerializedRulesError';
}

const RULE_TYPES = new Set(['investment', 'romance', 'recruitment', 'context']);
const isIntArray = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => Number.isSafeInteger(x));

/** The checks of one rule the content script relies on (its id, type, weight and explanation). */
function checkRule(r: unknown): Rule {
  const rule = r as Partial<Rule> | null;
  const explanation = rule?.explanation as Record<string, unknown> | undefined;
  if (
    typeof rule !== 'object' || rule === null || typeof rule.id !== 'string' || !RULE_TYPES.has(rule.type as string) ||
    typeof rule.cue !== 'string' || typeof rule.lang !== 'string' || typeof rule.weight !== 'number' || !Number.isFinite(rule.weight) ||
    typeof rule.patterns !== 'object' || rule.patterns === null || typeof explanation !== 'object' || explanation === null ||
    !Object.values(explanation).every((t) => typeof t === 'string') || typeof rule.source !== 'string'
  ) {
    throw new SerializedRulesError('a rule is damaged');
  }
  return rule as Rule;
}

/**
 * Revives serializeCompiled's output one step at a time: each `yield` is a place where the caller
 * may let the page run (reviveCompiled); the generator's value is the compiled rules. Throws a
 * SerializedRulesError on anything that is not output of this format with consistent bounds.
 */
export function* reviveSteps(value: unknown): Generator<void, CompiledRules, void> {
  const s = value as Partial<SerializedRules> | null;
  if (typeof s !== 'object' || s === null || s.format !== SERIALIZED_FORMAT) throw new SerializedRulesError(`unknown format ${String(s?.format)}`);
  if (!Array.isArray(s.rules) || !s.rules.every((p) => typeof p === 'string') || typeof s.meta !== 'string' || typeof s.phrases !== 'string' || typeof s.arrays !== 'object' || s.arrays === null) {
    throw new SerializedRulesError('missing parts');
  }
  const x = s.arrays as Record<string, unknown>;
  const int32 = {} as Record<(typeof INT32_ARRAYS)[number], Int32Array>;
  for (const name of INT32_ARRAYS) {
    int32[name] = decodeArray(x[name], 'int32') as Int32Array;
    yield;
  }
  const edgeChar = decodeArray(x.edgeChar, 'uint16') as Uint16Array;
  const { phraseLength, usesStart, usesRule, usesGroup, usesBoundary, edgeStart, edgeNext, fail, output, outLink } = int32;
  const n = fail.length;
  const phrases = s.phrases.split(PHRASE_SEPARATOR);
  if (phrases.pop() !== '') throw new SerializedRulesError('phrases not terminated');
  yield;

  const rules: Rule[] = [];
  for (const part of s.rules) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(part);
    } catch {
      throw new SerializedRulesError('a part of the rules is not JSON');
    }
    if (!Array.isArray(parsed)) throw new SerializedRulesError('a part of the rules is not a list');
    for (const r of parsed) rules.push(checkRule(r));
    yield;
  }
  let meta: Meta;
  try {
    meta = JSON.parse(s.meta) as Meta;
  } catch {
    throw new SerializedRulesError('meta is not JSON');
  }
  if (typeof meta !== 'object' || meta === null || !isIntArray(meta.nearWindow) || !isIntArray(meta.nearGroups) || !Array.isArray(meta.regexes)) {
    throw new SerializedRulesError('meta is damaged');
  }

  const bad =
    n === 0 || edgeStart.length !== n + 1 || output.length !== n || outLink.length !== n ||
    edgeChar.length !== edgeNext.length || edgeStart[n] !== edgeChar.length ||
    usesStart.length !== phraseLength.length + 1 || usesStart[phraseLength.length] !== usesRule.length ||
    usesGroup.length !== usesRule.length || usesBoundary.length !== usesRule.length ||
    phrases.length !== phraseLength.length || meta.nearWindow.length !== rules.length ||
    !within(edgeNext, 1, n) || !within(fail, 0, n) || !within(outLink, 0, n) ||
    !within(output, -1, phraseLength.length) || !within(usesRule, 0, rules.length) ||
    !within(edgeStart, 0, edgeChar.length + 1) || !within(usesStart, 0, usesRule.length + 1) ||
    !within(phraseLength, 0, 1 << 16);
  if (bad) throw new SerializedRulesError('inconsistent compiled rules');
  yield;

  const regexes: CompiledRegex[] = meta.regexes.map((r) => {
    if (
      typeof r !== 'object' || r === null || !Number.isSafeInteger(r.rule) || r.rule < 0 || r.rule >= rules.length ||
      !Array.isArray(r.windowSources) || !r.windowSources.every((src) => typeof src === 'string') || typeof r.maxLength !== 'number' || typeof r.anchored !== 'boolean'
    ) {
      throw new SerializedRulesError('a regular expression is damaged');
    }
    let windowRes: RegExp[];
    try {
      windowRes = r.windowSources.map((src) => new RegExp(src, 'g'));
    } catch {
      throw new SerializedRulesError('a regular expression does not compile');
    }
    return { rule: r.rule, windowRes: windowRes as CompiledRegex['windowRes'], maxLength: r.maxLength, anchored: r.anchored, confirmed: r.confirmed === true };
  });
  yield;

  const automaton = deriveAutomaton({ edgeStart, edgeChar, edgeNext, fail, output, outLink });
  return {
    rules,
    nearWindow: Int32Array.from(meta.nearWindow),
    nearGroups: Int32Array.from(meta.nearGroups),
    regexes,
    phrases,
    phraseLength,
    uses: { start: usesStart, rule: usesRule, group: usesGroup, boundary: usesBoundary },
    automaton,
  };
}

/** Rebuilds compiled rules from serializeCompiled's output (JSON-parsed), all at once. */
export function deserializeCompiled(value: unknown): CompiledRules {
  const steps = reviveSteps(value);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Rebuilds compiled rules step by step, awaiting `pause` between steps (the content script passes
 * one that yields to the page, so that no step is a long task; issue 11).
 */
export async function reviveCompiled(value: unknown, pause: () => Promise<void>): Promise<CompiledRules> {
  const steps = reviveSteps(value);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
