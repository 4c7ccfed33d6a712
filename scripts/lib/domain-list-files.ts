// The known-scam-site lists in the repository (rules/domains/*.txt): one entry a line, `#` for
// comments. Written by `npm run rules -- import-domains`, read by `npm run rules -- build` into the
// feed and the bundled default. Licences: rules/domains/LICENSES.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainList } from '../../src/rules/domain-list';
import { RULES_DIR } from './load-rule-sources';

export const DOMAINS_DIR = join(RULES_DIR, 'domains');

interface ListFile {
  id: string;
  file: string;
  name: string;
  licence: string;
  url: string;
}

/** The lists the extension flags, in order of precedence (a site on both is named by the first). */
export const DENY_LIST_FILES: readonly ListFile[] = [
  { id: 'gaso', file: 'gaso.txt', name: 'Global Anti-Scam Org (GASO) scam-site list', licence: 'BSD-3-Clause', url: 'https://www.globalantiscam.org/' },
  { id: 'polkadot', file: 'polkadot-deny.txt', name: 'polkadot-js phishing deny list', licence: 'Apache-2.0', url: 'https://github.com/polkadot-js/phishing' },
];

/** Never flagged; the build refuses a deny list that would flag one of these (the tests too). */
export const ALLOW_LIST_FILES: readonly ListFile[] = [
  { id: 'fdic', file: 'allow-fdic.txt', name: 'FDIC-insured bank websites', licence: 'Public domain (U.S. government work)', url: 'https://banks.data.fdic.gov/' },
  { id: 'polkadot-allow', file: 'allow-polkadot.txt', name: 'polkadot-js phishing allow list', licence: 'Apache-2.0', url: 'https://github.com/polkadot-js/phishing' },
];

export function readListFile(file: string, dir = DOMAINS_DIR): string[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function writeListFile(list: ListFile, entries: readonly string[], note: string, dir = DOMAINS_DIR): void {
  const header = [`# ${list.name}`, `# ${list.url}`, `# Licence: ${list.licence} (see LICENSES.md)`, `# ${note}`, `# ${entries.length} entries`];
  writeFileSync(join(dir, list.file), [...header, ...entries].join('\n') + '\n');
}

export function readDenyLists(dir = DOMAINS_DIR): DomainList[] {
  return DENY_LIST_FILES.map(({ id, file, name, licence, url }) => ({ id, name, licence, url, entries: readListFile(file, dir) }));
}

export function readAllowedHosts(dir = DOMAINS_DIR): string[] {
  return ALLOW_LIST_FILES.flatMap(({ file }) => readListFile(file, dir));
}
