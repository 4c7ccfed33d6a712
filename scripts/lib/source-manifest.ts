// Reads the one manifest.json and gives it package.json's version (derive-manifest.ts says why
// the version lives only in package.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withPackageVersion, type SourceManifest } from './derive-manifest.js';
import { repoRoot } from './repo-paths.js';

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export function readSourceManifest(): SourceManifest {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'manifest.json'), 'utf8')) as SourceManifest;
  return withPackageVersion(manifest, packageVersion());
}
