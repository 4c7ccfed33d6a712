// The default rules bundled with the extension, so a fresh install protects offline. Written by
// `npm run rules -- build` from rules/*.yaml (examples stripped: they are for the tests).
import bundled from './generated/bundled-rules.json';
import type { Rule } from '../engine/types';

interface BundledFile {
  version: number;
  rules: Rule[];
}

export function bundledRules(): Rule[] {
  return (bundled as BundledFile).rules;
}

export function bundledRulesVersion(): number {
  return (bundled as BundledFile).version;
}
