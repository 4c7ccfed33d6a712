// The default rules bundled with the extension, as the tests and tools read them (Node). Written
// by `npm run rules -- build` from rules/*.yaml (examples stripped: they are for the tests). The
// extension itself reads them compiled (virtual:compiled-rules) and their version alone
// (virtual:rules-version), both written by scripts/build.ts.
import bundled from '../../src/rules/generated/bundled-rules.json';
import type { Rule } from '../../src/engine/types';

interface BundledFile {
  version: number;
  rules: Rule[];
}

export function bundledRules(): Rule[] {
  return (bundled as BundledFile).rules;
}
