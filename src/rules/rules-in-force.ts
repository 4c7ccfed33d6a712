// Which rules are in force, decided in one place for every context: the accepted feed's when its
// version is newer than the bundled rules' (an extension update can bring newer bundled rules
// than the last feed), else the bundled ones. The content script reads the compiled rules, the
// background the known-site lists, the extension pages the status; all ask here. The bundled
// version comes from one source, the build (virtual:rules-version, from bundled-rules.json), and
// is passed in, so this stays pure: storage areas are parameters, as in read-settings.ts.
import type { DomainList } from './domain-list';
import { parseDomainLists } from './parse-feed';
import { parsePrefilter, type SerializedPrefilter } from '../engine/prefilter';
import { SERIALIZED_FORMAT } from '../engine/serialize-compiled';

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
   * A copy of the bundled compiled rules, { version, compiled } (the background writes it from the
   * extension's own file), so that content scripts read them without waking the background.
   */
  bundled: 'rules.bundled',
  /**
   * Which copy of the bundled rules is stored, { version, format }, written with it: the background
   * checks this small key at every start, rather than reading the 1.8 MB copy back to learn it.
   */
  bundledMark: 'rules.bundledMark',
} as const;

/** Defined by the extension build (vite.config.ts, from scripts/lib/build-date.ts); absent under Node. */
declare const __SCAM_SENTINEL_RULES_ISSUED_AT__: string | undefined;

/**
 * When the bundled rules were issued, as an ISO date: the build stamps it, since the rule files
 * carry no date of their own. Null outside an extension build (unit tests, CLI tools).
 */
export function bundledRulesIssuedAt(): string | null {
  return typeof __SCAM_SENTINEL_RULES_ISSUED_AT__ === 'string' ? __SCAM_SENTINEL_RULES_ISSUED_AT__ : null;
}

export interface ReadableStore {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
}

/** The stored feed version, when it is a version at all and newer than the bundled rules'. */
export function feedVersionInForce(stored: unknown, bundledVersion: number): number | null {
  return typeof stored === 'number' && Number.isSafeInteger(stored) && stored > bundledVersion ? stored : null;
}

/** The version in force and where it comes from. Only the small version key is read. */
export async function rulesVersionInForce(store: ReadableStore, bundledVersion: number): Promise<{ version: number; source: 'bundled' | 'feed' }> {
  const feed = feedVersionInForce((await store.get(RULES_KEYS.version))[RULES_KEYS.version], bundledVersion);
  return feed === null ? { version: bundledVersion, source: 'bundled' } : { version: feed, source: 'feed' };
}

/**
 * The accepted feed's compiled rules (a JSON string of serialize-compiled.ts's format) when the
 * feed is in force, else null: use the bundled ones.
 */
export async function feedCompiledInForce(store: ReadableStore, bundledVersion: number): Promise<string | null> {
  const { source } = await rulesVersionInForce(store, bundledVersion);
  if (source === 'bundled') return null;
  const stored = (await store.get(RULES_KEYS.compiled))[RULES_KEYS.compiled];
  return typeof stored === 'string' ? stored : null;
}

/**
 * The accepted feed's prefilter when the feed is in force (validated: storage is never trusted
 * blindly), null when the bundled rules are; throws when the stored one is damaged.
 */
export async function feedPrefilterInForce(store: ReadableStore, bundledVersion: number): Promise<SerializedPrefilter | null> {
  const { source } = await rulesVersionInForce(store, bundledVersion);
  if (source === 'bundled') return null;
  return parsePrefilter((await store.get(RULES_KEYS.prefilter))[RULES_KEYS.prefilter]);
}

/**
 * The copy of the bundled compiled rules in `stored` (the value of RULES_KEYS.bundled, from
 * storage or a storage change) when it is this build's (`bundledVersion`, in the serialized
 * format this build reads), else null. An extension update may keep the rules' version and
 * change their format: the copy is then written again (bundledRulesItem).
 */
export function bundledCompiledOf(stored: unknown, bundledVersion: number): string | null {
  const item = stored as { version?: unknown; format?: unknown; compiled?: unknown } | undefined | null;
  return typeof item === 'object' && item !== null && item.version === bundledVersion && item.format === SERIALIZED_FORMAT && typeof item.compiled === 'string' ? item.compiled : null;
}

/** The stored copy of the bundled compiled rules when it is this build's, else null (bundledCompiledOf). */
export async function bundledCompiledStored(store: ReadableStore, bundledVersion: number): Promise<string | null> {
  return bundledCompiledOf((await store.get(RULES_KEYS.bundled))[RULES_KEYS.bundled], bundledVersion);
}

/**
 * Whether storage holds this build's copy of the bundled rules, by its small mark alone (the
 * background, at every start). A mark without its copy, or a damaged copy, only sends content
 * scripts to the background for the rules: they check the copy itself (bundledCompiledStored).
 */
export async function bundledCopyMarked(store: ReadableStore, bundledVersion: number): Promise<boolean> {
  const mark = (await store.get(RULES_KEYS.bundledMark))[RULES_KEYS.bundledMark] as { version?: unknown; format?: unknown } | undefined | null;
  return typeof mark === 'object' && mark !== null && mark.version === bundledVersion && mark.format === SERIALIZED_FORMAT;
}

/** The storage items of the copy of the bundled compiled rules (`compiled`: their JSON text) and its mark. */
export function bundledRulesItem(bundledVersion: number, compiled: string): Record<string, unknown> {
  return {
    [RULES_KEYS.bundled]: { version: bundledVersion, format: SERIALIZED_FORMAT, compiled },
    [RULES_KEYS.bundledMark]: { version: bundledVersion, format: SERIALIZED_FORMAT },
  };
}

/** The accepted feed's known-site lists, validated again (storage is never trusted blindly). Throws when damaged. */
export async function feedDomainsOf(store: ReadableStore): Promise<DomainList[]> {
  return parseDomainLists((await store.get(RULES_KEYS.domains))[RULES_KEYS.domains]);
}

/** A feed the updater accepted, ready to store. */
export interface AcceptedRules {
  version: number;
  /** JSON of the compiled rules (serialize-compiled.ts). */
  compiled: string;
  /** The prefilter of those rules (src/engine/prefilter.ts). */
  prefilter: SerializedPrefilter;
  domains: DomainList[];
}

/** The storage items that put accepted rules in force: one set(), so readers see all or nothing. */
export function acceptedRulesItems(accepted: AcceptedRules): Record<string, unknown> {
  return { [RULES_KEYS.compiled]: accepted.compiled, [RULES_KEYS.prefilter]: accepted.prefilter, [RULES_KEYS.domains]: accepted.domains, [RULES_KEYS.version]: accepted.version };
}

/** Whether a storage change put other rules in force (the content script reads the page again). */
export const rulesChanged = (changes: Record<string, unknown>): boolean => RULES_KEYS.version in changes;
