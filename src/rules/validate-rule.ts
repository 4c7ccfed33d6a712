// Validates a rule that comes from a file or the network, field by field: one bad rule is
// reported and skipped, never trusted and never allowed to cost the others (STYLE.md, Dark Reader).
import type { LocalizedText, Rule, RuleLang, RulePatterns, RuleType } from '../engine/types';
import { SCAM_TYPES } from '../engine/types';

const RULE_TYPES: readonly RuleType[] = [...SCAM_TYPES, 'context'];
const LANGS: readonly RuleLang[] = ['zh', 'en', 'any'];
const ID = /^[a-z0-9][a-z0-9-]{1,79}$/;
const CUE = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_TEXT = 2000;
const MAX_EXAMPLE = 4000;

export interface RuleValidation {
  rule: Rule | null;
  errors: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringList(v: unknown, path: string, errors: string[], maxLen: number): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) { errors.push(`${path}: must be a list of strings`); return undefined; }
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s !== 'string' || s.trim().length === 0) errors.push(`${path}[${i}]: must be a non-empty string`);
    else if (s.length > maxLen) errors.push(`${path}[${i}]: longer than ${maxLen} characters`);
    else out.push(s);
  });
  return out;
}

function localized(v: unknown, path: string, errors: string[]): LocalizedText | null {
  if (!isObject(v)) { errors.push(`${path}: must have en, zh_CN and zh_TW`); return null; }
  const out: Partial<LocalizedText> = {};
  for (const k of ['en', 'zh_CN', 'zh_TW'] as const) {
    const s = v[k];
    if (typeof s !== 'string' || s.trim().length === 0) errors.push(`${path}.${k}: missing`);
    else if (s.length > MAX_TEXT) errors.push(`${path}.${k}: longer than ${MAX_TEXT} characters`);
    else out[k] = s;
  }
  return out.en && out.zh_CN && out.zh_TW ? (out as LocalizedText) : null;
}

/**
 * Checks one rule. `requireExamples` is on for rule sources in the repository (every rule carries
 * at least two scam and two benign examples that the tests run); the feed carries them too.
 */
export function validateRule(raw: unknown, requireExamples = true): RuleValidation {
  const errors: string[] = [];
  if (!isObject(raw)) return { rule: null, errors: ['rule: must be an object'] };
  const id = typeof raw.id === 'string' && ID.test(raw.id) ? raw.id : null;
  if (!id) errors.push(`id: must match ${ID}`);
  const at = (field: string): string => `${id ?? '?'}.${field}`;
  const type = RULE_TYPES.includes(raw.type as RuleType) ? (raw.type as RuleType) : null;
  if (!type) errors.push(`${at('type')}: one of ${RULE_TYPES.join(', ')}`);
  const cue = typeof raw.cue === 'string' && CUE.test(raw.cue) ? raw.cue : null;
  if (!cue) errors.push(`${at('cue')}: must match ${CUE}`);
  const lang = LANGS.includes(raw.lang as RuleLang) ? (raw.lang as RuleLang) : null;
  if (!lang) errors.push(`${at('lang')}: one of ${LANGS.join(', ')}`);
  const weight = typeof raw.weight === 'number' && Number.isInteger(raw.weight) && raw.weight >= 1 && raw.weight <= 5 ? raw.weight : null;
  if (weight === null) errors.push(`${at('weight')}: an integer from 1 to 5`);
  const source = typeof raw.source === 'string' && raw.source.trim() && raw.source.length <= 200 ? raw.source : null;
  if (!source) errors.push(`${at('source')}: the article the rule comes from`);
  const explanation = localized(raw.explanation, at('explanation'), errors);

  let patterns: RulePatterns | null = null;
  if (!isObject(raw.patterns)) errors.push(`${at('patterns')}: must be an object`);
  else {
    const p = raw.patterns;
    for (const k of Object.keys(p)) if (!['phrases', 'near', 'regex'].includes(k)) errors.push(`${at('patterns')}.${k}: unknown`);
    const phrases = stringList(p.phrases, at('patterns.phrases'), errors, 200);
    const regex = stringList(p.regex, at('patterns.regex'), errors, 400);
    let near: RulePatterns['near'];
    if (p.near !== undefined) {
      if (!isObject(p.near) || !Array.isArray(p.near.groups) || typeof p.near.window !== 'number') {
        errors.push(`${at('patterns.near')}: needs groups (a list of lists) and window (a number)`);
      } else {
        const groups = p.near.groups.map((g, i) => stringList(g, `${at('patterns.near.groups')}[${i}]`, errors, 200) ?? []);
        near = { groups, window: p.near.window };
      }
    }
    patterns = {};
    if (phrases) patterns.phrases = phrases;
    if (near) patterns.near = near;
    if (regex) patterns.regex = regex;
    if (!phrases?.length && !near && !regex?.length) errors.push(`${at('patterns')}: no phrases, near or regex`);
  }

  let examples: Rule['examples'] = { scam: [], benign: [] };
  if (raw.examples !== undefined || requireExamples) {
    if (!isObject(raw.examples)) errors.push(`${at('examples')}: needs scam and benign lists`);
    else {
      examples = {
        scam: stringList(raw.examples.scam, at('examples.scam'), errors, MAX_EXAMPLE) ?? [],
        benign: stringList(raw.examples.benign, at('examples.benign'), errors, MAX_EXAMPLE) ?? [],
      };
    }
    if (requireExamples && (examples.scam.length < 2 || examples.benign.length < 2)) {
      errors.push(`${at('examples')}: at least two scam and two benign examples`);
    }
  }

  if (errors.length || !id || !type || !cue || !lang || weight === null || !source || !explanation || !patterns) {
    return { rule: null, errors };
  }
  return { rule: { id, type, cue, lang, weight, patterns, explanation, source, examples }, errors };
}
