// npm run rules -- <command>
//   validate   every rule source is well formed, compiles (no unsafe regex), and its examples pass
//   build      rules/*.yaml → src/rules/generated/bundled-rules.json and the rule_* keys of _locales
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze, compileRules, explanationKey, RuleCompileError, type Rule } from '../src/engine/index';
import { loadRuleSourcesWithFiles, RuleSourceError, RULES_DIR, type RuleSource } from '../src/rules/load-rule-sources';

const ROOT = new URL('..', import.meta.url).pathname;
export const BUNDLED_PATH = join(ROOT, 'src/rules/generated/bundled-rules.json');
const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
const localePath = (l: string): string => join(ROOT, 'assets/_locales', l, 'messages.json');

function rulesVersion(): number {
  const v = Number(readFileSync(join(RULES_DIR, 'VERSION'), 'utf8').trim());
  if (!Number.isInteger(v) || v < 1) throw new Error('rules/VERSION must hold a positive integer');
  return v;
}

/** The bundled file: rules without their examples, which only the tests need. */
export function bundledJson(sources: RuleSource[]): string {
  const rules: Rule[] = sources.map(({ rule }) => ({ ...rule, examples: { scam: [], benign: [] } }));
  return JSON.stringify({ version: rulesVersion(), rules }, null, 1) + '\n';
}

type Messages = Record<string, { message: string; description?: string }>;

function readMessages(locale: string): Messages {
  try {
    return JSON.parse(readFileSync(localePath(locale), 'utf8')) as Messages;
  } catch {
    return {};
  }
}

/** The locale file with its rule_* keys replaced by the current rules' explanations. */
export function localeJson(locale: (typeof LOCALES)[number], sources: RuleSource[]): string {
  const current = readMessages(locale);
  const out: Messages = {};
  for (const [k, v] of Object.entries(current)) if (!k.startsWith('rule_')) out[k] = v;
  for (const { rule } of [...sources].sort((a, b) => a.rule.id.localeCompare(b.rule.id))) {
    out[explanationKey(rule.id)] = { message: rule.explanation[locale], description: `Why rule ${rule.id} is a scam sign` };
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/** Runs every example of every rule against the full compiled set; returns the failures. */
export function checkExamples(rules: Rule[]): string[] {
  const compiled = compileRules(rules);
  const failures: string[] = [];
  for (const rule of rules) {
    for (const text of rule.examples.scam) {
      const fired = analyze({ text }, compiled).findings.some((f) => f.ruleId === rule.id);
      if (!fired) failures.push(`${rule.id}: does not fire on its scam example: ${JSON.stringify(text.slice(0, 120))}`);
    }
    for (const text of rule.examples.benign) {
      const fired = analyze({ text }, compiled).findings.some((f) => f.ruleId === rule.id);
      if (fired) failures.push(`${rule.id}: fires on its benign example: ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  return failures;
}

function load(): RuleSource[] {
  try {
    return loadRuleSourcesWithFiles();
  } catch (e) {
    if (e instanceof RuleSourceError) fail(e.problems);
    throw e;
  }
}

function fail(problems: string[]): never {
  console.error(`✗ ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

function validate(): void {
  const sources = load();
  const rules = sources.map((s) => s.rule);
  try {
    compileRules(rules);
  } catch (e) {
    if (e instanceof RuleCompileError) fail(e.problems);
    throw e;
  }
  const problems = checkExamples(rules);
  let stale: boolean;
  try {
    stale = readFileSync(BUNDLED_PATH, 'utf8') !== bundledJson(sources);
  } catch {
    stale = true;
  }
  for (const l of LOCALES) if (readMessages(l) && JSON.stringify(readMessages(l), null, 2) + '\n' !== localeJson(l, sources)) stale = true;
  if (stale) problems.push('generated files are out of date: run `npm run rules -- build` and commit the result');
  if (problems.length) fail(problems);
  const examples = rules.reduce((n, r) => n + r.examples.scam.length + r.examples.benign.length, 0);
  console.log(`✓ ${rules.length} rules valid, ${examples} examples pass, generated files up to date`);
}

function build(): void {
  const sources = load();
  compileRules(sources.map((s) => s.rule));
  mkdirSync(dirname(BUNDLED_PATH), { recursive: true });
  writeFileSync(BUNDLED_PATH, bundledJson(sources));
  for (const l of LOCALES) {
    mkdirSync(dirname(localePath(l)), { recursive: true });
    writeFileSync(localePath(l), localeJson(l, sources));
  }
  console.log(`✓ built ${sources.length} rules → ${BUNDLED_PATH} and _locales (${LOCALES.join(', ')})`);
}

const commands: Record<string, () => void> = { validate, build };
const [command] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.error(`usage: npm run rules -- <${Object.keys(commands).join('|')}>`);
    process.exit(2);
  }
  run();
}
