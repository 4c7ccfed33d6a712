// Reads the rule sources (rules/*.yaml) in Node: the CLI tools, the rules build and the tests.
// Never bundled into the extension, which loads the compiled default (virtual:compiled-rules) or the
// signed feed. A rule without zh_TW gets it from its zh_CN (traditional-explanation.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Rule } from '../../src/engine/types';
import { validateRule } from '../../src/rules/validate-rule';
import { withTraditionalExplanation } from './traditional-explanation';

export class RuleSourceError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid rule sources:\n- ${problems.join('\n- ')}`);
    this.name = 'RuleSourceError';
  }
}

export const RULES_DIR = new URL('../../rules/', import.meta.url).pathname;

export interface RuleSource {
  file: string;
  rule: Rule;
}

/** Every rule of every rules/*.yaml file, validated; throws RuleSourceError listing all problems. */
export function loadRuleSourcesWithFiles(dir: string = RULES_DIR): RuleSource[] {
  const problems: string[] = [];
  const out: RuleSource[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
      continue;
    }
    if (doc === null || doc === undefined) continue;
    if (!Array.isArray(doc)) { problems.push(`${file}: must be a list of rules`); continue; }
    doc.forEach((raw, i) => {
      const { rule, errors } = validateRule(withTraditionalExplanation(raw), true);
      if (rule) out.push({ file, rule });
      else problems.push(...errors.map((e) => `${file}#${i + 1}: ${e}`));
    });
  }
  if (problems.length) throw new RuleSourceError(problems);
  return out;
}

export function loadRuleSources(dir: string = RULES_DIR): Rule[] {
  return loadRuleSourcesWithFiles(dir).map((s) => s.rule);
}
