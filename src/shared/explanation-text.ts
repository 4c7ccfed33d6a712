// A finding's explanation in words. A rule's is a fixed `_locales` message (rule_<id>); a claim's
// (src/engine/claim-cues.ts) quotes what the page claims and does the arithmetic, through Chrome
// i18n placeholders filled from the finding's explanationArgs. Pure: the translate function is
// the browser's i18n.getMessage in the extension and fillMessage() over messages.json elsewhere.
import type { Finding } from '../engine/types';

/** _locales lookup with substitutions for $1 … $9 (browser.i18n.getMessage); '' for an unknown name. */
export type Translate = (name: string, substitutions?: string[]) => string;

/** One message of a messages.json file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/**
 * What browser.i18n.getMessage(name, substitutions) gives for this entry: each $NAME$ is replaced
 * by its placeholder's content (names are case-insensitive), then $1 … $9 by the substitutions
 * (missing ones by '') and $$ by $. Substituted text is never read again for placeholders.
 */
export function fillMessage(entry: MessageEntry, substitutions: readonly string[] = []): string {
  const contents = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => contents.get(name.toLowerCase()) ?? whole);
  return expanded.replace(/\$(\$|[1-9])/g, (_whole, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** A translate function over parsed messages.json content (the CLI and the tests). */
export function translateFrom(messages: Record<string, MessageEntry>): Translate {
  return (name, substitutions) => {
    const entry = messages[name];
    return entry ? fillMessage(entry, substitutions) : '';
  };
}

/**
 * An argument a claim may leave empty (claim_plans's minimum deposit, when the page states none)
 * stands in its message as a bracketed quote, “$DEPOSIT$” in ( ) or （ ）: left empty, the whole
 * bracket goes, with the space before it.
 */
const EMPTY_BRACKETED_QUOTE = /\s*[(（]\s*[“「"]\s*[”」"]\s*[)）]/g;

/**
 * True when the finding's explanation lives in _locales: every finding's but a rule's (rule_*, whose
 * explanation comes with the rule itself: rule-explanation.ts), i.e. a claim's (claim_*, with its
 * quote and arithmetic) and the learned model's (model_*).
 */
export function explainedInLocales(finding: Pick<Finding, 'explanationKey'>): boolean {
  return !finding.explanationKey.startsWith('rule_');
}

/**
 * The explanation of a finding in the person's language: a claim's with its quote and arithmetic
 * filled in, a rule's as _locales has it. '' when _locales has none (a rule newer than this build).
 */
export function explanationText(finding: Pick<Finding, 'explanationKey' | 'explanationArgs'>, t: Translate): string {
  if (!finding.explanationArgs) return t(finding.explanationKey);
  return t(finding.explanationKey, finding.explanationArgs).replace(EMPTY_BRACKETED_QUOTE, '');
}
