// `npm run rules -- import-domains <url_items.jsonl>`: turns the permissively licensed public
// lists in the evaluation corpus (GASO, BSD-3-Clause; polkadot-js phishing, Apache-2.0; FDIC bank
// sites, public domain) into the list files under rules/domains/, which the feed and the bundled
// default carry (issue 4). Licences: rules/domains/LICENSES.md.
//
// What the extension flags must never include a site people rely on, so an entry is dropped when:
// - it is a public suffix ("pages.dev", "co.uk": the Public Suffix List via tldts, private
//   section included), since listing it would flag every site under it;
// - it is an allowed host or a parent of one (polkadot-js's allow list names hosting platforms
//   whose own site is fine while some of their tenants' sites are not);
// - it is a bank's domain or inside one (FDIC-insured banks own their subdomains).
import { domainToASCII } from 'node:url';
import { getPublicSuffix } from 'tldts';
import { isDomainEntry, lowerHost } from '../../src/rules/domain-list';

export interface UrlItem {
  source: string;
  label: string;
  url: string;
}

export interface ImportedLists {
  /** Deny lists by id: what the extension flags. */
  deny: Record<'gaso' | 'polkadot', string[]>;
  /** Never flagged: the benign lists, kept for the build's checks and the tests. */
  allow: Record<'fdic' | 'polkadot', string[]>;
  dropped: { entry: string; reason: string }[];
}

/** "Scam.Example./Path" → "scam.example/Path" with the host in punycode; null when unusable. */
export function toEntry(url: string): string | null {
  const trimmed = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = trimmed.indexOf('/');
  const rawHost = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const host = lowerHost(domainToASCII(rawHost.replace(/^\*\./, '')));
  if (!host) return null;
  let path = slash < 0 ? '' : trimmed.slice(slash);
  if (path === '/') path = '';
  if (path) path = encodeURI(decodeURIComponentSafe(path));
  const entry = host + path;
  return isDomainEntry(entry) ? entry : null;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

const hostOf = (entry: string): string => entry.split('/')[0]!;

/** "a.b.c" → ["a.b.c", "b.c", "c"]. */
function suffixes(host: string): string[] {
  const out = [host];
  for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) out.push(host.slice(i + 1));
  return out;
}

export function importDomainLists(items: Iterable<UrlItem>): ImportedLists {
  const deny = { gaso: new Set<string>(), polkadot: new Set<string>() };
  const allow = { fdic: new Set<string>(), polkadot: new Set<string>() };
  const dropped: ImportedLists['dropped'] = [];
  for (const item of items) {
    const entry = toEntry(item.url);
    if (entry === null) {
      dropped.push({ entry: item.url, reason: 'not a host name' });
      continue;
    }
    if (item.source === 'fdic' && item.label === 'benign') allow.fdic.add(hostOf(entry));
    else if (item.source === 'polkadot' && item.label === 'benign') allow.polkadot.add(hostOf(entry));
    else if ((item.source === 'gaso' || item.source === 'polkadot') && item.label === 'scam') deny[item.source].add(entry);
  }

  // Every allowed host and each of its parents: an entry equal to one of these would flag it.
  const allowedOrParent = new Set([...allow.fdic, ...allow.polkadot].flatMap(suffixes));
  const keep = (entry: string): boolean => {
    const host = hostOf(entry);
    const hostOnly = host === entry;
    if (getPublicSuffix(host, { allowPrivateDomains: true }) === host) {
      dropped.push({ entry, reason: 'a public suffix' });
      return false;
    }
    // A path entry names one page; it cannot flag the allowed host as a whole.
    if (hostOnly && allowedOrParent.has(host)) {
      dropped.push({ entry, reason: 'an allowed host or a parent of one' });
      return false;
    }
    if (suffixes(host).some((s) => allow.fdic.has(s))) {
      dropped.push({ entry, reason: 'inside an FDIC-insured bank domain' });
      return false;
    }
    return true;
  };
  const sorted = (s: Set<string>): string[] => [...s].sort();
  return {
    deny: { gaso: sorted(deny.gaso).filter(keep), polkadot: sorted(deny.polkadot).filter((e) => !deny.gaso.has(e)).filter(keep) },
    allow: { fdic: sorted(allow.fdic), polkadot: sorted(allow.polkadot) },
    dropped,
  };
}
