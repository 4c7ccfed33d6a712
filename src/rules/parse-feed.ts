// The rules feed's format, checked field by field (issue 4). Pure: the updater, `npm run rules --
// verify` and the tests all call this. Nothing in a feed is trusted until its signature verified
// (verify-signature.ts), and even then every field is checked here, so that a signing mistake or a
// stolen key cannot push a malformed or unsafe file into every browser: the checks are the same
// whoever signed it.
import type { Rule } from '../engine/types';
import { isDomainEntry, MAX_DOMAIN_ENTRIES, MAX_DOMAIN_LISTS, type DomainList } from './domain-list';
import { FeedError } from './feed-error';
import { validateRule } from './validate-rule';

export const FEED_SCHEMA = 1;
/** Bodies beyond this are refused before they are parsed (TUF: "endless data"). */
export const MAX_FEED_BYTES = 2 * 1024 * 1024;
export const MAX_FEED_RULES = 2000;

export interface Feed {
  schema: typeof FEED_SCHEMA;
  /** Strictly increasing: a feed is accepted only if its version is higher than the one in force. */
  version: number;
  /** ISO 8601 times: when the feed was signed, and after when it must no longer be accepted. */
  issuedAt: string;
  expiresAt: string;
  /** The oldest extension version that understands this feed ("0.1.0"). */
  minExtensionVersion: string;
  rules: Rule[];
  domains: DomainList[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const VERSION = /^\d{1,5}(?:\.\d{1,5}){0,3}$/;
const LIST_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Compares dotted version strings numerically ("0.10.0" > "0.9.3"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function time(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 40 || !Number.isFinite(Date.parse(value))) {
    throw new FeedError('invalid-feed', `${field}: must be an ISO 8601 time`);
  }
  return value;
}

function domainList(raw: unknown, index: number): DomainList {
  const at = `domains[${index}]`;
  if (!isRecord(raw)) throw new FeedError('invalid-domains', `${at}: must be an object`);
  const { id, name, licence, url, entries } = raw;
  if (typeof id !== 'string' || !LIST_ID.test(id)) throw new FeedError('invalid-domains', `${at}.id: must match ${LIST_ID}`);
  for (const [field, v] of [['name', name], ['licence', licence], ['url', url]] as const) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw new FeedError('invalid-domains', `${at}.${field}: a string of 1–200 characters`);
  }
  if (!Array.isArray(entries)) throw new FeedError('invalid-domains', `${at}.entries: must be a list`);
  for (let i = 0; i < entries.length; i++) {
    const e: unknown = entries[i];
    if (typeof e !== 'string' || !isDomainEntry(e)) {
      throw new FeedError('invalid-domains', `${at}.entries[${i}]: not a lowercase host name (with an optional /path): ${JSON.stringify(e).slice(0, 80)}`);
    }
  }
  return { id, name: name as string, licence: licence as string, url: url as string, entries: entries as string[] };
}

/** The feed's known-scam-site lists (also how the service worker re-reads them from storage). */
export function parseDomainLists(raw: unknown): DomainList[] {
  if (!Array.isArray(raw) || raw.length > MAX_DOMAIN_LISTS) {
    throw new FeedError('invalid-domains', `domains: a list of at most ${MAX_DOMAIN_LISTS} lists`);
  }
  const domains = raw.map(domainList);
  const ids = new Set(domains.map((d) => d.id));
  if (ids.size !== domains.length) throw new FeedError('invalid-domains', 'domains: two lists have the same id');
  const total = domains.reduce((n, d) => n + d.entries.length, 0);
  if (total > MAX_DOMAIN_ENTRIES) throw new FeedError('invalid-domains', `domains: ${total} entries, at most ${MAX_DOMAIN_ENTRIES}`);
  return domains;
}

/** A parsed JSON value → a Feed, or a FeedError saying which field is wrong. Does not compile rules. */
export function parseFeed(value: unknown): Feed {
  if (!isRecord(value)) throw new FeedError('invalid-feed', 'the feed must be a JSON object');
  if (value.schema !== FEED_SCHEMA) throw new FeedError('invalid-feed', `schema: this extension reads schema ${FEED_SCHEMA}, the feed has ${JSON.stringify(value.schema)}`);
  const version = value.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new FeedError('invalid-feed', 'version: must be a positive integer');
  }
  const issuedAt = time(value.issuedAt, 'issuedAt');
  const expiresAt = time(value.expiresAt, 'expiresAt');
  if (Date.parse(expiresAt) <= Date.parse(issuedAt)) throw new FeedError('invalid-feed', 'expiresAt: must be after issuedAt');
  const minExtensionVersion = value.minExtensionVersion;
  if (typeof minExtensionVersion !== 'string' || !VERSION.test(minExtensionVersion)) {
    throw new FeedError('invalid-feed', 'minExtensionVersion: a version such as "0.1.0"');
  }

  if (!Array.isArray(value.rules) || value.rules.length === 0) throw new FeedError('invalid-feed', 'rules: must be a non-empty list');
  if (value.rules.length > MAX_FEED_RULES) throw new FeedError('invalid-feed', `rules: at most ${MAX_FEED_RULES}`);
  const rules: Rule[] = [];
  value.rules.forEach((raw: unknown, i) => {
    const { rule, errors } = validateRule(raw, false);
    if (!rule) throw new FeedError('invalid-rule', `rules[${i}]: ${errors.slice(0, 3).join('; ')}`);
    rules.push(rule);
  });

  const domains = parseDomainLists(value.domains ?? []);
  return { schema: FEED_SCHEMA, version, issuedAt, expiresAt, minExtensionVersion, rules, domains };
}
