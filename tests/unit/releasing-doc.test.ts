// docs/releasing.md gives the Chrome Web Store a justification for every permission the manifest
// asks for (issue 13): a permission added without one would be caught here, not by a reviewer.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
  permissions: string[];
  host_permissions: string[];
  content_scripts: { matches: string[] }[];
};
const doc = readFileSync(new URL('../../docs/releasing.md', import.meta.url), 'utf8');
/** The rows of the permission justification table: first cell → justification. */
const justifications = new Map(
  [...doc.matchAll(/^\s*\| (`[^|]+|Host permission [^|]+|Content script [^|]+) \| ([^|]+) \|$/gm)].map((m) => [m[1]!.trim(), m[2]!.trim()]),
);

describe('docs/releasing.md', () => {
  test.each(manifest.permissions)('justifies the permission %s', (permission) => {
    expect(justifications.get(`\`${permission}\``)?.length ?? 0).toBeGreaterThan(80);
  });

  test.each(manifest.host_permissions)('justifies the host permission %s', (host) => {
    expect(justifications.get(`Host permission \`${host}\``)?.length ?? 0).toBeGreaterThan(80);
  });

  test('justifies the content script on every page it matches', () => {
    const matches = [...new Set(manifest.content_scripts.flatMap((c) => c.matches))];
    const row = [...justifications.keys()].find((k) => k.startsWith('Content script'));
    expect(row).toBeDefined();
    for (const match of matches) expect(row).toContain(`\`${match}\``);
  });

  test('links the key rotation in feed-hosting.md, and that heading exists', () => {
    expect(doc).toContain('feed-hosting.md#rotate-a-key');
    expect(readFileSync(new URL('../../docs/feed-hosting.md', import.meta.url), 'utf8')).toMatch(/^### Rotate a key$/m);
  });
});

describe('README.md', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  test('shows package.json\'s version near the top and links docs/releasing.md', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const top = readme.split('\n').slice(0, 8).join('\n');
    expect(top).toContain(`Version **${version}**`);
    expect(readme).toContain('(docs/releasing.md)');
  });
});
