// Known scam sites: public lists carried by the feed (GASO, polkadot-js phishing; licences in
// rules/domains/LICENSES.md). Pure: the service worker asks it about the host of a page that
// reported; no URL ever leaves the device (issue 4, "Lookups are local").
//
// An entry is a host name ("scam.example") or a host with a path prefix ("apps.example/app123":
// a list names one page of a big site, never the whole site). A page matches when its host, or
// a parent domain of its host, is listed; a path entry matches only on its exact host.

export interface DomainList {
  /** Short id ("gaso"): the popup names the list through _locales (domain_list_<id>). */
  id: string;
  /** The list's full name and where it is published, for the licence notice and the docs. */
  name: string;
  licence: string;
  url: string;
  entries: string[];
}

export interface DomainMatch {
  listId: string;
  /** The entry that matched: the host or parent domain, or host + path prefix. */
  entry: string;
}

export interface DomainMatcher {
  lookup(hostname: string, pathname?: string): DomainMatch | null;
  readonly size: number;
}

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);
/** Printable ASCII without spaces; URL-encoded beyond that, as location.pathname is. */
const PATH = /^\/[\x21-\x7e]{0,200}$/;
/** A numeric last label: an IPv4 address (or something posing as one), never a domain with parents. */
const NUMERIC_END = /\.\d+$/;
export const MAX_DOMAIN_LISTS = 16;
export const MAX_DOMAIN_ENTRIES = 200_000;

/** Whether `entry` is a valid list entry (lowercase ASCII host, optional path prefix). */
export function isDomainEntry(entry: string): boolean {
  const slash = entry.indexOf('/');
  const host = slash < 0 ? entry : entry.slice(0, slash);
  return HOST.test(host) && (slash < 0 || PATH.test(entry.slice(slash)));
}

/** A page's host as the lists spell it: lowercase, no trailing dot. */
export function lowerHost(hostname: string): string {
  const h = hostname.toLowerCase();
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

export function createDomainMatcher(lists: readonly DomainList[]): DomainMatcher {
  const hosts = new Map<string, number>();
  const paths = new Map<string, { prefix: string; list: number }[]>();
  let size = 0;
  lists.forEach((list, index) => {
    for (const entry of list.entries) {
      const slash = entry.indexOf('/');
      size++;
      if (slash < 0) {
        if (!hosts.has(entry)) hosts.set(entry, index);
        continue;
      }
      const host = entry.slice(0, slash);
      const bucket = paths.get(host) ?? [];
      bucket.push({ prefix: entry.slice(slash), list: index });
      paths.set(host, bucket);
    }
  });

  return {
    size,
    lookup(hostname, pathname = '/') {
      const host = lowerHost(hostname);
      if (!host.includes('.')) return null;
      for (const p of paths.get(host) ?? []) {
        if (pathname.startsWith(p.prefix)) return { listId: lists[p.list]!.id, entry: host + p.prefix };
      }
      // An address is only ever matched whole: "2.3.4" is no parent of "1.2.3.4".
      if (NUMERIC_END.test(host)) {
        const i = hosts.get(host);
        return i === undefined ? null : { listId: lists[i]!.id, entry: host };
      }
      // The host, then each parent with at least two labels: "a.b.scam.example" →
      // "b.scam.example" → "scam.example". A bare top-level domain is never looked up.
      let at = 0;
      let candidate = host;
      while (candidate.includes('.')) {
        const i = hosts.get(candidate);
        if (i !== undefined) return { listId: lists[i]!.id, entry: candidate };
        at = host.indexOf('.', at) + 1;
        candidate = host.slice(at);
      }
      return null;
    },
  };
}
