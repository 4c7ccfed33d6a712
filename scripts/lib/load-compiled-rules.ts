// Load rules/*.yaml and compile them once, turning loader and compiler failures into one clear
// CLI error (the compiler lists every unsafe pattern it rejected).
import { compileRules, RuleCompileError } from '../../src/engine';
import type { CompiledRules } from '../../src/engine';
import type { Rule } from '../../src/engine/types';
import { loadRuleSources, RuleSourceError } from './load-rule-sources';
import { CliError } from './cli-error';
import { rulesDir } from './repo-paths';

export interface LoadedRules {
  rules: Rule[];
  compiled: CompiledRules;
}

export function loadCompiledRules(dir: string = rulesDir): LoadedRules {
  let rules: Rule[];
  try {
    rules = loadRuleSources(dir);
  } catch (err) {
    if (err instanceof RuleSourceError) {
      throw new CliError(`the rule sources in ${dir} are invalid:\n  ${err.problems.join('\n  ')}`);
    }
    throw new CliError(`could not load the rules from ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (rules.length === 0) throw new CliError(`no rules found in ${dir}`);
  try {
    return { rules, compiled: compileRules(rules) };
  } catch (err) {
    if (err instanceof RuleCompileError) {
      throw new CliError(`the rules in ${dir} do not compile:\n  ${err.problems.join('\n  ')}`);
    }
    throw err;
  }
}
