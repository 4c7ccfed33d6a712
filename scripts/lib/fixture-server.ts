// A static server on 127.0.0.1 for the sample pages in tests/fixtures, the five source articles
// rendered as pages (read from shared/ beside the repository, never copied into it), and a
// gallery that links them all. Used by the e2e tests and by `npm start`.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = fileURLToPath(new URL('../../tests/fixtures', import.meta.url));
export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * Content Security Policies a test can ask a sample page to be served with (`?csp=NAME`): a page
 * that allows no script at all, and one sandboxed into an opaque origin, to which Firefox refuses
 * the extension's web-accessible files (issue 11: the warning is loaded as one of them).
 */
const POLICIES: Record<string, string> = {
  none: "default-src 'none'; style-src 'unsafe-inline'",
  sandbox: 'sandbox allow-scripts',
};

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A source article as a web page: its first line the title, every other line a paragraph. */
function articlePage(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const title = escapeHtml(lines[0] ?? '');
  const body = lines.map((l, i) => (i === 0 ? `<h1>${escapeHtml(l)}</h1>` : `<p>${escapeHtml(l)}</p>`)).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article>${body}</article></body></html>`;
}

/** The source articles' page names, or [] when shared/ is not beside the repository. */
export function seedPages(): string[] {
  return existsSync(SEEDS_DIR) ? readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '.html')) : [];
}

/** Every sample page in tests/fixtures. */
export function fixturePages(): string[] {
  return readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.html'));
}

function titleOf(file: string): string {
  const m = /<title>([^<]*)<\/title>/i.exec(readFileSync(join(FIXTURES_DIR, file), 'utf8'));
  return m?.[1]?.trim() || file;
}

function galleryPage(): string {
  const item = (href: string, label: string): string => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`;
  const samples = fixturePages().map((f) => item(`/${f}`, `${titleOf(f)} (${f})`)).join('\n');
  const seeds = seedPages().map((f) => item(`/seeds/${f}`, `News article ${f}`)).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scam Sentinel sample pages</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}</style></head><body>
<h1>Scam Sentinel: sample pages</h1>
<p>Open each page: scam pages get a warning and a badge on the toolbar icon, ordinary pages and the news articles about fraud get nothing. Click the toolbar icon for the popup.</p>
<h2>Sample pages (written for the tests)</h2><ul>${samples}</ul>
<h2>The five source articles (news about fraud: must stay silent)</h2><ul>${seeds || '<li>shared/seeds is not beside the repository</li>'}</ul>
</body></html>`;
}

export function serveFixtures(port = 0): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = normalize(decodeURIComponent(url.pathname));
    const policy = POLICIES[url.searchParams.get('csp') ?? ''];
    const notFound = (): void => void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.html']! }).end(galleryPage());
      return;
    }
    const seed = /^\/seeds\/([0-9a-f_]+)\.html$/.exec(path);
    if (seed) {
      const file = join(SEEDS_DIR, `${seed[1]}.txt`);
      if (!existsSync(file)) return notFound();
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.html']! }).end(articlePage(readFileSync(file, 'utf8')));
      return;
    }
    const file = join(FIXTURES_DIR, path);
    // Only files directly under tests/fixtures, nothing else on the machine.
    if (!file.startsWith(FIXTURES_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) return notFound();
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', ...(policy ? { 'content-security-policy': policy } : {}) });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
