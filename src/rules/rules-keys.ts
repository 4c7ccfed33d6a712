// The storage.local keys of the rules in force (rules-in-force.ts), in a module of their own: the
// content script needs only to know when the rules changed, and importing rules-in-force.ts would
// bring it the prefilter's and the lists' module-level tables (issue 11: every page evaluates it).

/** storage.local keys. Written together in one set() when a feed is accepted (an atomic swap). */
export const RULES_KEYS = {
  /** RulesStatus (rules-status.ts). */
  status: 'feed.status',
  /** The version of the feed's rules stored below: content scripts read this small key first. */
  version: 'rules.version',
  /** The accepted feed's rules, compiled and serialized (serialize-compiled.ts), as a JSON string. */
  compiled: 'rules.compiled',
  /** The accepted feed's known-scam-site lists. */
  domains: 'domains.lists',
  /** The accepted feed's prefilter (src/engine/prefilter.ts): what content scripts check first. */
  prefilter: 'rules.prefilter',
  /**
   * Where earlier versions kept a copy of the bundled compiled rules for content scripts, and its
   * mark. Content scripts no longer read rules (issue 11: the background scores page text), so an
   * install or update removes them.
   */
  bundled: 'rules.bundled',
  bundledMark: 'rules.bundledMark',
} as const;

/** Whether a storage change put other rules in force (the content script reads the page again). */
export const rulesChanged = (changes: Record<string, unknown>): boolean => RULES_KEYS.version in changes;
