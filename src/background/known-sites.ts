// The known-scam-site lists in force, as a matcher: the bundled default's, or the accepted feed's
// once its version is newer (stored by rules-updater.ts). Re-read only when the version changes,
// so a worker that wakes for each page builds the 65,000-entry index once per wake.
import browser from 'webextension-polyfill';
import bundledLists from 'virtual:bundled-domains';
import { createDomainMatcher, type DomainMatcher } from '../rules/domain-list';
import { parseDomainLists } from '../rules/parse-feed';
import { RULES_KEYS } from '../shared/rules-status';

let cached: { version: number; matcher: DomainMatcher } | null = null;

export async function knownSites(bundledVersion: number): Promise<DomainMatcher> {
  const stored = await browser.storage.local.get(RULES_KEYS.version);
  const raw = stored[RULES_KEYS.version];
  const version = typeof raw === 'number' && Number.isSafeInteger(raw) && raw > bundledVersion ? raw : bundledVersion;
  if (cached?.version === version) return cached.matcher;
  let lists = bundledLists;
  if (version > bundledVersion) {
    try {
      lists = parseDomainLists((await browser.storage.local.get(RULES_KEYS.domains))[RULES_KEYS.domains]);
    } catch (error) {
      // Written by the updater after validation, so this means a damaged store: the bundled lists still protect.
      console.warn('Scam Sentinel: stored site lists unreadable; using the bundled ones', error);
    }
  }
  cached = { version, matcher: createDomainMatcher(lists) };
  return cached.matcher;
}
