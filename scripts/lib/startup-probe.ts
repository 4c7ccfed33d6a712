// Run in a fresh process by `npm run bench`: what a page pays once, before its first scan, while
// the JIT is cold: compiling the rules (`compile RULES_DIR`), or reading back the build's compiled
// form as the content script does (`read FILE`, FILE written by `write RULES_DIR FILE`).
// Prints one JSON line: {"mode", "ms"}.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compileRules } from '../../src/engine/compile-rules';
import { deserializeCompiled, serializeCompiled } from '../../src/engine/serialize-compiled';
import { loadRuleSources } from './load-rule-sources';

const [mode, arg1, arg2] = process.argv.slice(2);
if (mode === 'compile') {
  const rules = loadRuleSources(arg1);
  const t = performance.now();
  compileRules(rules);
  console.log(JSON.stringify({ mode, ms: performance.now() - t }));
} else if (mode === 'write' && arg2) {
  const json = JSON.stringify(serializeCompiled(compileRules(loadRuleSources(arg1))));
  writeFileSync(arg2, json);
  console.log(JSON.stringify({ mode, ms: 0, bytes: json.length }));
} else if (mode === 'read' && arg1) {
  const text = readFileSync(arg1, 'utf8');
  const t = performance.now();
  deserializeCompiled(JSON.parse(text));
  console.log(JSON.stringify({ mode, ms: performance.now() - t, bytes: text.length }));
} else {
  console.error('usage: startup-probe compile RULES_DIR | write RULES_DIR FILE | read FILE');
  process.exit(2);
}
