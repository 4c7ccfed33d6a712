// Compiled rules as JSON, so that compiling happens once (at build time, or once in the background
// for a feed) and not on every page the content script runs in: compiling ~5,000 phrases costs
// tens of milliseconds (over 100 on a cold page), reading them back a few. Typed arrays travel as
// plain number arrays: their values are small, so the JSON is smaller than base64 and JSON.parse
// is native, fast even before the page's JIT warms up. The root and word-start rows, 512 KiB of
// mostly zeros, are rebuilt from the edges instead of being shipped.
import type { CompiledRegex, CompiledRules } from './compile-rules';
import { deriveAutomaton } from './compile-rules';
import type { Rule } from './types';

export const SERIALIZED_FORMAT = 1;

export interface SerializedRules {
  format: typeof SERIALIZED_FORMAT;
  rules: Rule[];
  nearWindow: number[];
  nearGroups: number[];
  regexes: { rule: number; windowSources: string[]; maxLength: number; anchored: boolean; confirmed: boolean }[];
  phrases: string[];
  arrays: Record<'phraseLength' | 'usesStart' | 'usesRule' | 'usesGroup' | 'usesBoundary' | 'edgeStart' | 'edgeChar' | 'edgeNext' | 'fail' | 'output' | 'outLink', number[]>;
}

const int32 = (a: number[]): Int32Array => Int32Array.from(a);

/** Whether every value of `a` lies in [lo, hi). */
function within(a: Int32Array, lo: number, hi: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! < lo || a[i]! >= hi) return false;
  return true;
}

export function serializeCompiled(c: CompiledRules): SerializedRules {
  const a = c.automaton;
  return {
    format: SERIALIZED_FORMAT,
    rules: c.rules.map((r) => ({ ...r, examples: { scam: [], benign: [] } })),
    nearWindow: Array.from(c.nearWindow),
    nearGroups: Array.from(c.nearGroups),
    regexes: c.regexes.map((r) => ({ rule: r.rule, windowSources: r.windowRes.map((re) => re.source), maxLength: r.maxLength, anchored: r.anchored, confirmed: r.confirmed })),
    phrases: c.phrases,
    arrays: {
      phraseLength: Array.from(c.phraseLength),
      usesStart: Array.from(c.uses.start),
      usesRule: Array.from(c.uses.rule),
      usesGroup: Array.from(c.uses.group),
      usesBoundary: Array.from(c.uses.boundary),
      edgeStart: Array.from(a.edgeStart),
      edgeChar: Array.from(a.edgeChar),
      edgeNext: Array.from(a.edgeNext),
      fail: Array.from(a.fail),
      output: Array.from(a.output),
      outLink: Array.from(a.outLink),
    },
  };
}

export class SerializedRulesError extends Error {
  override name = 'SerializedRulesError';
}

/**
 * Rebuilds compiled rules from serializeCompiled's output. Only for output this extension made
 * (the build, or the background after it verified and compiled a feed): it checks the shape and
 * the bounds the matcher relies on, not the rules' content.
 */
export function deserializeCompiled(s: SerializedRules): CompiledRules {
  if (s?.format !== SERIALIZED_FORMAT) throw new SerializedRulesError(`unknown format ${String(s?.format)}`);
  const x = s.arrays;
  const edgeStart = int32(x.edgeStart);
  const edgeChar = Uint16Array.from(x.edgeChar);
  const edgeNext = int32(x.edgeNext);
  const fail = int32(x.fail);
  const output = int32(x.output);
  const outLink = int32(x.outLink);
  const n = fail.length;
  const phraseLength = int32(x.phraseLength);
  const usesStart = int32(x.usesStart);
  const usesRule = int32(x.usesRule);
  const usesGroup = int32(x.usesGroup);
  const usesBoundary = int32(x.usesBoundary);
  const bad =
    edgeStart.length !== n + 1 || output.length !== n || outLink.length !== n ||
    edgeChar.length !== edgeNext.length || edgeStart[n] !== edgeChar.length ||
    usesStart.length !== phraseLength.length + 1 || usesStart[phraseLength.length] !== usesRule.length ||
    usesGroup.length !== usesRule.length || usesBoundary.length !== usesRule.length ||
    s.phrases.length !== phraseLength.length || s.nearWindow.length !== s.rules.length ||
    !within(edgeNext, 1, n) || !within(fail, 0, n) || !within(outLink, 0, n) ||
    !within(output, -1, phraseLength.length) || !within(usesRule, 0, s.rules.length) ||
    !within(edgeStart, 0, edgeChar.length + 1);
  if (bad) throw new SerializedRulesError('inconsistent compiled rules');

  const automaton = deriveAutomaton({ edgeStart, edgeChar, edgeNext, fail, output, outLink });

  const regexes: CompiledRegex[] = s.regexes.map((r) => ({
    rule: r.rule,
    windowRes: r.windowSources.map((src) => new RegExp(src, 'g')) as CompiledRegex['windowRes'],
    maxLength: r.maxLength,
    anchored: r.anchored,
    confirmed: r.confirmed === true,
  }));
  return {
    rules: s.rules,
    nearWindow: Int32Array.from(s.nearWindow),
    nearGroups: Int32Array.from(s.nearGroups),
    regexes,
    phrases: s.phrases,
    phraseLength,
    uses: { start: usesStart, rule: usesRule, group: usesGroup, boundary: usesBoundary },
    automaton,
  };
}
