// The known-scam-site lists in force, as a matcher: the bundled default's, or the accepted feed's
// once its version is newer (rules-in-force.ts). Re-read only when the version changes, so a
// worker that wakes for each page builds the 65,000-entry index once per wake.
import browser from 'webextension-polyfill';
import { createDomainMatcher, type DomainList, type DomainMatcher } from '../rules/domain-list';
import { feedDomainsOf, rulesVersionInForce } from '../rules/rules-in-force';

let cached: { version: number; matcher: DomainMatcher } | null = null;

/**
 * Where the build puts the bundled lists (scripts/build.ts BUNDLED_DOMAINS_FILE): an extension
 * file, read when first needed rather than parsed with the worker's script at every start (1.5 MB;
 * the first page after install waits for the worker to start, issue 11). Not web-accessible.
 */
const BUNDLED_DOMAINS_PATH = 'rules/domains.json';
let bundledRead: Promise<DomainList[]> | null = null;
/** The bundled lists: the extension's own file, as trusted as its code, read once per worker life. */
function bundledLists(): Promise<DomainList[]> {
  bundledRead ??= (async () => {
    const response = await fetch(browser.runtime.getURL(BUNDLED_DOMAINS_PATH));
    if (!response.ok) throw new Error(`bundled site lists: HTTP ${response.status}`);
    return (await response.json()) as DomainList[];
  })();
  bundledRead.catch(() => {
    bundledRead = null;
  });
  return bundledRead;
}

export async function knownSites(bundledVersion: number): Promise<DomainMatcher> {
  const { version, source } = await rulesVersionInForce(browser.storage.local, bundledVersion);
  if (cached?.version === version) return cached.matcher;
  let lists: DomainList[] | null = null;
  if (source === 'feed') {
    try {
      lists = await feedDomainsOf(browser.storage.local);
    } catch (error) {
      // Written by the updater after validation, so this means a damaged store: the bundled lists still protect.
      console.warn('Scam Sentinel: stored site lists unreadable; using the bundled ones', error);
    }
  }
  lists ??= await bundledLists();
  cached = { version, matcher: createDomainMatcher(lists) };
  return cached.matcher;
}
