// The known-scam-site lists in force, as a matcher: the bundled default's, or the accepted feed's
// once its version is newer (rules-in-force.ts). Re-read only when the version changes, so a
// worker that wakes for each page builds the 65,000-entry index once per wake.
import browser from 'webextension-polyfill';
import bundledLists from 'virtual:bundled-domains';
import { createDomainMatcher, type DomainMatcher } from '../rules/domain-list';
import { feedDomainsOf, rulesVersionInForce } from '../rules/rules-in-force';

let cached: { version: number; matcher: DomainMatcher } | null = null;

export async function knownSites(bundledVersion: number): Promise<DomainMatcher> {
  const { version, source } = await rulesVersionInForce(browser.storage.local, bundledVersion);
  if (cached?.version === version) return cached.matcher;
  let lists = bundledLists;
  if (source === 'feed') {
    try {
      lists = await feedDomainsOf(browser.storage.local);
    } catch (error) {
      // Written by the updater after validation, so this means a damaged store: the bundled lists still protect.
      console.warn('Scam Sentinel: stored site lists unreadable; using the bundled ones', error);
    }
  }
  cached = { version, matcher: createDomainMatcher(lists) };
  return cached.matcher;
}
