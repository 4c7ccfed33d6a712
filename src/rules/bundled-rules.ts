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

/** Defined by the extension build (vite.config.ts, from scripts/lib/build-date.ts); absent under Node. */
declare const __SCAM_SENTINEL_RULES_ISSUED_AT__: string | undefined;

/**
 * When the bundled rules were issued, as an ISO date: the build stamps it, since the rule files
 * carry no date of their own. Null outside an extension build (unit tests, CLI tools).
 */
export function bundledRulesIssuedAt(): string | null {
  return typeof __SCAM_SENTINEL_RULES_ISSUED_AT__ === 'string' ? __SCAM_SENTINEL_RULES_ISSUED_AT__ : null;
}
