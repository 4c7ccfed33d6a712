// Where the CLI tools find the repository and its sibling `shared/` folder (seed articles,
// corpora), independent of the directory they are started from.
import { dirname, resolve, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rulesDir = resolve(repoRoot, 'rules');
export const seedsDir = resolve(repoRoot, '..', 'shared', 'seeds');

/** True when `path` lies inside the repository (used to keep corpus-derived output out of it). */
export function isInsideRepo(path: string): boolean {
  const rel = relative(repoRoot, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
