// Which rules are in force, decided in one place for every context: the accepted feed's when its
// version is newer than the bundled rules' (an extension update can bring newer bundled rules
// than the last feed), else the bundled ones. The background reads the compiled rules it scores
// page text with (issue 11) and the known-site lists, the extension pages the status, content
// scripts only whether the rules changed; all ask here. The bundled version comes from one source, the build (virtual:rules-version, from bundled-rules.json), and
// is passed in, so this stays pure: storage areas are parameters, as in read-settings.ts.
import type { DomainList } from './domain-list';
import { parseDomainLists } from './parse-feed';
import { parsePrefilter, type SerializedPrefilter } from '../engine/prefilter';
import { RULES_KEYS } from './rules-keys';

export { RULES_KEYS, rulesChanged } from './rules-keys';

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

