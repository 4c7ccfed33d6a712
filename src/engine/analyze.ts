// analyze(): the one entry point shared by the content script, the CLI tools and the tests.
// Pure: no browser API, no I/O. Offsets in findings point into the caller's original strings.
import type { CompiledRules } from './compile-rules';
import { matchPhrases, type PhraseHits } from './match-phrases';
import { normalizeText, wordChars, originalEnd, type NormalizeScratch, type NormalizedText } from './normalize-text';
import { claimCues } from './claim-cues';
import { readClaimsFrom } from './read-claims';
import { bestPassage } from './score-passages';
import { inDisclaimer } from './disclaimers';
import type { AnalyzeInput, AnalyzeOptions, AnalyzeResult, Finding, Match } from './types';
import { modelHits, MODEL_ALONE_WEIGHT, MODEL_WEIGHT, NOTICE_WEIGHT, type ModelHit, type TextModel } from './text-model';

const DEFAULT_MAX_MATCHES = 5;
/** A regular expression stops after this many matches on one text: enough to fire, bounded work. */
const MAX_REGEX_MATCHES = 200;

/** The message name of a rule's explanation in _locales (message names allow [A-Za-z0-9_]). */
export function explanationKey(ruleId: string): string {
  return `rule_${ruleId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

// analyze() is synchronous and reads the normalised text only before it returns, so one set of
// buffers serves every call: a page rescanned on each change allocates nothing for it.
const scratch: NormalizeScratch = { out: new Uint16Array(0), start: new Int32Array(0) };
const hitScratch: PhraseHits = { count: 0, phrase: new Int32Array(256), end: new Int32Array(256) };

interface RuleState {
  fired: Uint8Array;
  matches: Match[][];
  /** Rules that fired in the title: the title speaks for every passage of the page. */
  inTitle: Uint8Array;
  /** Where in the normalised text each rule matched (every match, not only the quoted ones). */
  events: HitEvents;
  /** Per rule: 1 for a context rule (counted even in a disclaimer), else 0. */
  context: Uint8Array;
}

/** A growable list of (position, rule) pairs. */
interface HitEvents {
  pos: Int32Array;
  rule: Int32Array;
  n: number;
  /** The stretch (position >> EVENT_STRETCH_BITS) of each rule's last event, or -1. */
  lastStretch: Int32Array;
}

/**
 * A rule's hits within one stretch of 256 characters are one event: a word a page repeats a
 * thousand times costs a few events, not a thousand, and no passage (1,600 characters) is read
 * differently for it.
 */
const EVENT_STRETCH_BITS = 8;

function pushEvent(events: HitEvents, pos: number, rule: number): void {
  const stretch = pos >> EVENT_STRETCH_BITS;
  if (events.lastStretch[rule] === stretch) return;
  events.lastStretch[rule] = stretch;
  if (events.n === events.pos.length) {
    const pos2 = new Int32Array(events.n * 2);
    pos2.set(events.pos);
    const rule2 = new Int32Array(events.n * 2);
    rule2.set(events.rule);
    events.pos = pos2;
    events.rule = rule2;
  }
  events.pos[events.n] = pos;
  events.rule[events.n++] = rule;
}

/** A rule matched at normalised [s, e): counts where it stands, and is quoted while it has room. */
function hit(f: FieldScan, rule: number, s: number, e: number): void {
  // A cue in a clause that forbids or disclaims it is not counted (disclaimers.ts); context always is.
  if (f.state.context[rule] === 0 && inDisclaimer(f.norm.codes, s)) return;
  f.state.fired[rule] = 1;
  if (f.field === 'title') f.state.inTitle[rule] = 1;
  else pushEvent(f.state.events, s, rule);
  if (f.state.matches[rule]!.length < f.maxMatches) record(f, rule, s, e);
}

/** One field being scanned. A plain object passed to module functions: closures made anew on
 * every call deoptimised the code that had inlined the previous call's (node --trace-deopt). */
interface FieldScan {
  field: 'text' | 'title';
  original: string;
  norm: NormalizedText;
  state: RuleState;
  maxMatches: number;
  /** The normalised text [from, to) for a regex window (set by runRegexes). */
  textOf: (from: number, to: number) => string;
}

function record(f: FieldScan, rule: number, s: number, e: number): void {
  f.state.fired[rule] = 1;
  const list = f.state.matches[rule]!;
  if (list.length >= f.maxMatches) return;
  const start = f.norm.startOf(s);
  const end = originalEnd(f.original, f.norm.startOf(e - 1));
  for (const m of list) if (m.field === f.field && m.start === start && m.end === end) return;
  list.push({ field: f.field, start, end, quote: f.original.slice(start, end) });
}

/** Phrase hits → fired plain phrases, `near` hits per rule, and windows per anchored regex. */
function sortHits(f: FieldScan, compiled: CompiledRules, hits: PhraseHits, regexWindows: (number[] | undefined)[]): void {
  const anchorHits = new Array<number[] | undefined>(compiled.regexes.length);
  const confirmHits = new Array<number[] | undefined>(compiled.regexes.length);
  const codes = f.norm.codes;
  const length = codes.length;
  const { phraseLength, regexes, nearGroups } = compiled;
  const { start: usesStart, rule: usesRule, group: usesGroup, boundary: usesBoundary } = compiled.uses;
  const count = hits.count;
  const hitPhrase = hits.phrase;
  const hitEnds = hits.end;
  const near = nearState(compiled.rules.length);
  const { lastStart, lastEnd, have } = near;
  for (let h = 0; h < count; h++) {
    const p = hitPhrase[h]!;
    const hitEnd = hitEnds[h]!;
    const start = hitEnd - phraseLength[p]!;
    // Whether a letter or digit follows (computed when a use needs it: -1 until then).
    let wordAfter = -1;
    for (let k = usesStart[p]!; k < usesStart[p + 1]!; k++) {
      const rule = usesRule[k]!;
      const group = usesGroup[k]!;
      const boundary = usesBoundary[k]!;
      // Latin phrases sit on word boundaries ("apk" is not in "apkmirror"); Chinese needs none.
      // Starts are checked by the automaton itself (WORD_START).
      if (boundary & 2) {
        if (wordAfter < 0) wordAfter = hitEnd < length ? wordChars[codes[hitEnd]!]! : 0;
        if (wordAfter !== 0) continue;
      }
      let end = hitEnd;
      // An open-ended phrase ("return*") quotes the whole word it matched ("returns").
      if (boundary & 4) while (end < length && wordChars[codes[end]!]! !== 0) end++;
      if (group === -1) {
        // Most hits repeat a phrase whose rule already has its quotes: only count where it stands.
        hit(f, rule, start, end);
      } else if (group < -1) {
        const r = (-2 - group) >> 1;
        if ((-2 - group) & 1) (confirmHits[r] ??= []).push(start);
        else if (regexes[r]!.confirmed) (anchorHits[r] ??= []).push(start, end);
        else addWindow(regexWindows, r, regexes[r]!.maxLength, length, start, end);
      } else {
        // A `near` rule fires where one hit of each group starts within its window of the others.
        // Hits come in text order; each is checked as it comes, against the latest hit of every
        // other group, once every group has one (`have`).
        const all = (1 << nearGroups[rule]!) - 1;
        lastStart[rule * 8 + group] = start;
        lastEnd[rule * 8 + group] = end;
        const got = have[rule]! | (1 << group);
        have[rule] = got;
        if (got === all) nearCheck(f, compiled, near, rule);
      }
    }
  }
  confirmWindows(compiled, length, anchorHits, confirmHits, regexWindows);
}

/** The latest hit of each group of each `near` rule (at rule · 8 + group), which groups have one, and how often each rule has matched. */
interface NearState {
  lastStart: Int32Array;
  lastEnd: Int32Array;
  have: Int32Array;
  found: Int32Array;
}

// Reused by every call (analyze() is synchronous): only `have` and `found` need clearing.
let nearScratch: NearState | null = null;

function nearState(rules: number): NearState {
  if (nearScratch === null || nearScratch.have.length < rules) {
    nearScratch = { lastStart: new Int32Array(rules * 8), lastEnd: new Int32Array(rules * 8), have: new Int32Array(rules), found: new Int32Array(rules) };
  }
  nearScratch.have.fill(0);
  nearScratch.found.fill(0);
  return nearScratch;
}

/** Every group of near rule `rule` has a latest hit: the rule matches if they lie within its window. */
function nearCheck(f: FieldScan, compiled: CompiledRules, near: NearState, rule: number): void {
  const groups = compiled.nearGroups[rule]!;
  const { lastStart, lastEnd } = near;
  const b = rule * 8;
  let lo = Infinity;
  let hi = -1;
  for (let j = 0; j < groups; j++) {
    const s = lastStart[b + j]!;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (hi - lo > compiled.nearWindow[rule]!) return;
  // A part in a clause that forbids or disclaims it is not counted, as a plain match is not (hit):
  // "请勿向非持牌机构'场外配资'" names the 配资 of a margin-lending pitch. Asked only when every part
  // is there (rare), and the disclaimed part needs a fresh hit.
  if (f.state.context[rule] === 0) {
    let disclaimed = false;
    for (let j = 0; j < groups; j++) {
      if (inDisclaimer(f.norm.codes, lastStart[b + j]!)) {
        near.have[rule] = near.have[rule]! & ~(1 << j);
        disclaimed = true;
      }
    }
    if (disclaimed) return;
  }
  if (near.found[rule]! < f.maxMatches) for (let j = 0; j < groups; j++) record(f, rule, lastStart[b + j]!, lastEnd[b + j]!);
  else f.state.fired[rule] = 1;
  if (f.field === 'title') f.state.inTitle[rule] = 1;
  else pushEvent(f.state.events, lo, rule);
  near.found[rule]!++;
  // Each occurrence counts once: the next window needs fresh hits of every group.
  near.have[rule] = 0;
}

/** Adds the window around an anchor hit [start, end) where regex k may match; merges overlaps. */
function addWindow(regexWindows: (number[] | undefined)[], k: number, reach: number, length: number, start: number, end: number): void {
  const from = Math.max(0, end - reach);
  const to = Math.min(length, start + reach);
  const w = (regexWindows[k] ??= []);
  if (w.length > 0 && from <= w[w.length - 1]!) w[w.length - 1] = Math.max(w[w.length - 1]!, to);
  else w.push(from, to);
}

/** Anchor hits open windows only with a confirming literal's hit within the regex's reach. */
function confirmWindows(compiled: CompiledRules, length: number, anchorHits: (number[] | undefined)[], confirmHits: (number[] | undefined)[], regexWindows: (number[] | undefined)[]): void {
  for (let k = 0; k < anchorHits.length; k++) {
    const anchors = anchorHits[k];
    const confirms = confirmHits[k];
    if (!anchors || !confirms) continue;
    const reach = compiled.regexes[k]!.maxLength;
    // Hits come in order of their end; starts are sorted once for the search.
    const starts = Int32Array.from(confirms).sort();
    let lo = 0;
    for (let i = 0; i < anchors.length; i += 2) {
      const start = anchors[i]!;
      while (lo < starts.length && starts[lo]! < start - reach) lo++;
      if (lo < starts.length && starts[lo]! <= start + reach) addWindow(regexWindows, k, reach, length, start, anchors[i + 1]!);
    }
  }
}

/** Runs one regex on the normalised text [from, to); returns the matches recorded (≤ budget). */
function runRegex(f: FieldScan, rule: number, res: RegExp[], from: number, to: number, budget: number): number {
  const length = f.norm.codes.length;
  // One character more on the left, so a look-behind at `from` sees what precedes it; a match
  // starting there lies outside the window (and inside another one if it holds an anchor).
  const sliceFrom = from > 0 ? from - 1 : 0;
  const text = f.textOf(sliceFrom, to);
  const re = res[(from === 0 ? 1 : 0) + (to === length ? 2 : 0)]!;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while (n < budget && (m = re.exec(text)) !== null) {
    if (m[0].length === 0 || sliceFrom + m.index < from) { re.lastIndex = m.index + 1; continue; }
    hit(f, rule, sliceFrom + m.index, sliceFrom + m.index + m[0].length);
    n++;
  }
  return n;
}

/**
 * The normalised text of [from, to), for regex windows. Only the union of all windows is ever
 * turned into strings (natively, one per stretch of overlapping windows); each window is then a
 * slice of its stretch, which shares its memory.
 */
function windowTexts(f: FieldScan, compiled: CompiledRules, regexWindows: (number[] | undefined)[]): (from: number, to: number) => string {
  const length = f.norm.codes.length;
  if (compiled.regexes.some((r) => !r.anchored)) return (from, to) => (from === 0 && to === length ? f.norm.text : f.norm.text.slice(from, to));
  // Windows as numbers start·SPAN + end, sorted natively (exact: length·SPAN stays below 2^53).
  const SPAN = 2 ** Math.ceil(Math.log2(length + 2));
  let count = 0;
  for (const w of regexWindows) if (w) count += w.length / 2;
  const keyed = new Float64Array(count);
  let k = 0;
  for (const w of regexWindows) if (w) for (let i = 0; i < w.length; i += 2) keyed[k++] = Math.max(0, w[i]! - 1) * SPAN + w[i + 1]!;
  keyed.sort();
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = Math.floor(keyed[i]! / SPAN);
    const b = keyed[i]! - a * SPAN;
    if (ends.length > 0 && a <= ends[ends.length - 1]!) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, b);
    else { starts.push(a); ends.push(b); }
  }
  decoder ??= new TextDecoder('utf-16le');
  const texts = starts.map((a, i) => decoder!.decode(f.norm.codes.subarray(a, ends[i]!)));
  return (from, to) => {
    // The last stretch starting at or before `from` holds the whole window.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= from) lo = mid;
      else hi = mid - 1;
    }
    return texts[lo]!.slice(from - starts[lo]!, to - starts[lo]!);
  };
}

let decoder: TextDecoder | null = null;

function runRegexes(f: FieldScan, compiled: CompiledRules, regexWindows: (number[] | undefined)[]): void {
  const length = f.norm.codes.length;
  f.textOf = windowTexts(f, compiled, regexWindows);
  for (let k = 0; k < compiled.regexes.length; k++) {
    const { rule, windowRes, anchored } = compiled.regexes[k]!;
    if (!anchored) { runRegex(f, rule, windowRes, 0, length, MAX_REGEX_MATCHES); continue; }
    const windows = regexWindows[k];
    if (!windows) continue;
    let used = 0;
    for (let i = 0; i < windows.length && used < MAX_REGEX_MATCHES; i += 2) {
      used += runRegex(f, rule, windowRes, windows[i]!, windows[i + 1]!, MAX_REGEX_MATCHES - used);
    }
  }
}

function scanField(
  field: 'text' | 'title',
  original: string,
  compiled: CompiledRules,
  state: RuleState,
  maxMatches: number,
): FieldScan | null {
  if (original.length === 0) return null;
  const f: FieldScan = { field, original, norm: normalizeText(original, scratch), state, maxMatches, textOf: () => '' };
  const hits = matchPhrases(f.norm.codes, compiled, hitScratch);
  // Text windows where each anchored regex may match: [from, to] pairs, merged as they come.
  const regexWindows = new Array<number[] | undefined>(compiled.regexes.length);
  sortHits(f, compiled, hits, regexWindows);
  runRegexes(f, compiled, regexWindows);
  return f;
}

/** The original text of normalised [s, e). */
function quoteOf(f: FieldScan, s: number, e: number): Match {
  const start = f.norm.startOf(s);
  const end = originalEnd(f.original, f.norm.startOf(Math.max(s, e - 1)));
  return { field: f.field, start, end, quote: f.original.slice(start, end) };
}

/** The cues the text's claims make (read-claims.ts, claim-cues.ts), as findings. */
function claimFindings(f: FieldScan, maxMatches: number): { findings: Finding[]; spans: [number, number][][] } {
  // A claim in a clause that forbids or disclaims it ("请勿相信日收益5%的承诺") makes no cue (disclaimers.ts).
  const claims = readClaimsFrom(f.norm.codes, () => f.norm.text).filter((c) => !inDisclaimer(f.norm.codes, c.end));
  const hits = claimCues(claims, (s, e) => quoteOf(f, s, e).quote.replace(/\s+/g, ' ').trim());
  return {
    findings: hits.map((h) => ({
      ruleId: h.cue.id,
      type: h.cue.type,
      cue: h.cue.cue,
      weight: h.cue.weight,
      matches: h.spans.slice(0, maxMatches).map(([s, e]) => quoteOf(f, s, e)),
      explanationKey: h.cue.explanationKey,
      explanationArgs: h.args,
      source: h.cue.source,
    })),
    spans: hits.map((h) => h.spans),
  };
}

/**
 * The stretches the learned model reads as a scam (text-model.ts): per type, one finding for the
 * stretches it reads with near certainty (investment and recruitment only: a cue that warns alone)
 * and one for the rest (a cue that warns only beside the rules'). Both have the cue "model", so a
 * passage counts the stronger once.
 */
function modelFindings(f: FieldScan, model: TextModel): { findings: Finding[]; spans: [number, number][][] } {
  const findings: Finding[] = [];
  const spans: [number, number][][] = [];
  const add = (h: ModelHit, strong: boolean, stretches: [number, number][]): void => {
    if (stretches.length === 0) return;
    findings.push({
      ruleId: strong ? `model-${h.type}-strong` : `model-${h.type}`,
      // A stretch read as a notice about scams is context (score-findings.ts), like the rules' own.
      type: h.type === 'notice' ? 'context' : h.type,
      cue: h.type === 'notice' ? 'model-notice' : 'model',
      weight: h.type === 'notice' ? NOTICE_WEIGHT : strong ? MODEL_ALONE_WEIGHT : MODEL_WEIGHT,
      matches: [],
      explanationKey: strong ? `model_${h.type}_strong` : `model_${h.type}`,
      source: 'scam texts written by the project (training/, scripts/train-model.ts)',
    });
    spans.push(stretches);
  };
  for (const h of modelHits(model, f.norm.codes, f.norm.codes.length)) {
    const canWarnAlone = h.type === 'investment' || h.type === 'recruitment';
    const strong = canWarnAlone ? h.spans.filter((_, k) => h.probs[k]! >= model.aloneThreshold) : [];
    add(h, true, strong);
    add(h, false, strong.length === 0 ? h.spans : h.spans.filter((_, k) => h.probs[k]! < model.aloneThreshold));
  }
  return { findings, spans };
}

// Bitcoin (bech32, or legacy base58 mixing cases and digits), Ethereum-style (0x + 40 hex) and TRON
// (T + 33 base58) addresses, as a person sees them on a deposit page.
const WALLET_ADDRESS = /(?:^|[^0-9A-Za-z])(bc1[02-9ac-hj-np-z]{25,59}|0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}|[13][1-9A-HJ-NP-Za-km-z]{25,34})(?![0-9A-Za-z])/g;

/** Whether the text shows a cryptocurrency address. */
export function hasWalletAddress(text: string): boolean {
  WALLET_ADDRESS.lastIndex = 0;
  for (let m = WALLET_ADDRESS.exec(text); m !== null; m = WALLET_ADDRESS.exec(text)) {
    const a = m[1]!;
    // A legacy address mixes upper case, lower case and digits; a word or a number does not.
    if (!/^[13]/.test(a) || (/[A-Z]/.test(a) && /[a-z]/.test(a) && /\d.*\d/.test(a.slice(1)))) return true;
  }
  return false;
}

// Ties by rule id in code-unit order: localeCompare would load the collator of the page's locale on a
// page's first findings (about 16 ms in Chromium, issue 11), and ids are ASCII.
const byWeight = (a: Finding, b: Finding): number => b.weight - a.weight || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** Per rule set: which rules are context (built once per set). */
const contextOf = new WeakMap<CompiledRules, Uint8Array>();
function contextRules(compiled: CompiledRules): Uint8Array {
  let flags = contextOf.get(compiled);
  if (flags === undefined) {
    flags = Uint8Array.from(compiled.rules, (r) => (r.type === 'context' ? 1 : 0));
    contextOf.set(compiled, flags);
  }
  return flags;
}

export function analyze(input: AnalyzeInput, compiled: CompiledRules, options: AnalyzeOptions = {}): AnalyzeResult {
  const maxMatches = options.maxMatchesPerRule ?? DEFAULT_MAX_MATCHES;
  const n = compiled.rules.length;
  const state: RuleState = {
    fired: new Uint8Array(n),
    matches: Array.from({ length: n }, () => []),
    inTitle: new Uint8Array(n),
    events: { pos: new Int32Array(64), rule: new Int32Array(64), n: 0, lastStretch: new Int32Array(n).fill(-1) },
    context: contextRules(compiled),
  };
  scanField('title', input.title ?? '', compiled, state, maxMatches);
  const text = scanField('text', input.text, compiled, state, maxMatches);

  const findings: Finding[] = [];
  const findingOfRule = new Int32Array(n).fill(-1);
  const inTitle: number[] = [];
  for (let r = 0; r < n; r++) {
    if (!state.fired[r]) continue;
    const rule = compiled.rules[r]!;
    findingOfRule[r] = findings.length;
    if (state.inTitle[r]) inTitle.push(findings.length);
    findings.push({
      ruleId: rule.id,
      type: rule.type,
      cue: rule.cue,
      weight: rule.weight,
      matches: state.matches[r]!,
      explanationKey: explanationKey(rule.id),
      source: rule.source,
    });
  }
  // Where each finding stands in the text, in order: the rules' matches and the claims' spans,
  // as position · 2^16 + finding, sorted natively (exact: positions stay far below 2^37).
  const claims = text ? claimFindings(text, maxMatches) : { findings: [], spans: [] };
  const ev = state.events;
  // The learned second opinion (text-model.ts): a cue where its stretch stands. It reads every
  // stretch, since a near-certain reading of an investment or job scam warns alone.
  const learned = text && options.model ? modelFindings(text, options.model) : { findings: [], spans: [] };
  let extraSpans = 0;
  for (const spans of claims.spans) extraSpans += spans.length;
  for (const spans of learned.spans) extraSpans += spans.length;
  const keys = new Float64Array(ev.n + extraSpans);
  for (let k = 0; k < ev.n; k++) keys[k] = ev.pos[k]! * 65536 + findingOfRule[ev.rule[k]!]!;
  let at = ev.n;
  for (const extra of [claims, learned]) {
    extra.findings.forEach((finding, k) => {
      for (const [s] of extra.spans[k]!) keys[at++] = s * 65536 + findings.length;
      findings.push(finding);
    });
  }
  keys.sort();
  const events = { pos: new Int32Array(keys.length), finding: new Int32Array(keys.length), n: keys.length };
  for (let k = 0; k < keys.length; k++) {
    const p = Math.floor(keys[k]! / 65536);
    events.pos[k] = p;
    events.finding[k] = keys[k]! - p * 65536;
  }

  const sensitivity = options.sensitivity ?? 'standard';
  // A crypto address adds only to a text that already reaches a caution's score: not looked for on a text without a cue.
  const signals = findings.length > 0 && hasWalletAddress(input.text) ? { ...input.signals, walletAddress: true } : input.signals;
  const passage = bestPassage(findings, events, inTitle, signals, sensitivity, options.passageChars);
  // The findings shown are those of the deciding passage, quoted from inside it where they can be.
  const from = text && passage.to > passage.from ? text.norm.startOf(passage.from) : 0;
  const to = text && passage.to > passage.from ? text.norm.startOf(passage.to) + 200 : 0;
  const shown = passage.present.map((k) => {
    const f = findings[k]!;
    const inside = f.matches.filter((m) => m.field === 'title' || (m.start >= from && m.start <= to));
    return inside.length > 0 && inside.length < f.matches.length ? { ...f, matches: inside } : f;
  });
  shown.sort(byWeight);
  return { ...passage.score, findings: shown, passage: to > from ? { start: from, end: Math.min(to, input.text.length) } : null };
}
