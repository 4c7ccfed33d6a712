// The pages of `npm run bench:browser` (issue 11): generated on the fly for the cases of the
// issue's table, beside the hostile pages of the e2e tests (tests/fixtures/hostile). Each page
// notes when the thing measured happens (`mark('trigger')`: the scam appended, revealed, or the
// view changed) so the bench can time the warning from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './fixture-server';

const HOSTILE_JS = (): string => readFileSync(join(FIXTURES_DIR, 'hostile', 'hostile.js'), 'utf8');

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><script>${HOSTILE_JS()}</script></head>
<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}

const FILLER = 'The council met on Tuesday to discuss the new library opening hours and the repairs to the bridge on the river road. ';

/** `mb` megabytes of text in paragraphs of 10,000 characters, the scam at the end. */
function bigText(mb: number): string {
  const paragraph = `<p>${FILLER.repeat(Math.ceil(10_000 / FILLER.length))}</p>\n`;
  const count = Math.ceil((mb * 1024 * 1024) / paragraph.length);
  return page('Archive', `<h1>Archive</h1>${paragraph.repeat(count)}`, 'document.body.append(scamParagraph());');
}

/** 100,000 elements, then the scam at the bottom of a 5,000-deep chain (built by script: parsers flatten deep markup). */
function deepDom(): string {
  const row = '<div class="row"><span>item</span> <b>12</b> <i>note</i> <a href="#x">more</a></div>';
  return page(
    'Catalogue',
    `<h1>Catalogue</h1><div id="rows">${row.repeat(20_000)}</div><div id="chain"></div>`,
    `let el = document.getElementById('chain');
     for (let i = 0; i < 5000; i++) { const d = document.createElement('span'); el.append(d); el = d; }
     el.append(scamParagraph());`,
  );
}

/** A log that grows by 100 lines every 100 ms; the scam line comes after `after` ms. */
function growingLog(after: number): string {
  return page(
    'Build log',
    '<h1>Build log</h1><div id="log"></div>',
    `const log = document.getElementById('log'); let n = 0; const start = performance.now(); let sent = false;
     setInterval(() => {
       const fragment = document.createDocumentFragment();
       for (let i = 0; i < 100; i++) { const line = document.createElement('div'); line.textContent = '[' + (n++) + '] GET /api/items?page=' + n + ' 200 12ms'; fragment.append(line); }
       if (!sent && performance.now() - start >= ${after}) { sent = true; fragment.append(scamParagraph()); mark('trigger'); }
       log.append(fragment);
     }, 100);`,
  );
}

/** An endless feed: 10 posts every 100 ms (100 a second); the scam post comes after `after` ms. */
function feed(after: number): string {
  return page(
    'Feed',
    '<h1>Feed</h1><main id="feed"></main>',
    `const feed = document.getElementById('feed'); let n = 0; const start = performance.now(); let sent = false;
     setInterval(() => {
       for (let i = 0; i < 10; i++) {
         const post = document.createElement('article');
         const h = document.createElement('h2'); h.textContent = 'Post ' + (n++);
         const p = document.createElement('p'); p.textContent = FILLER_TEXT + FILLER_TEXT;
         post.append(h, p); feed.append(post);
       }
       if (!sent && performance.now() - start >= ${after}) { sent = true; const post = document.createElement('article'); post.append(scamParagraph()); feed.append(post); mark('trigger'); }
     }, 100);`,
  );
}

/** A single-page app that moves through 10 views, one every 300 ms; the last one is the scam. */
function spa(): string {
  return page(
    'Jobs',
    '<h1>Jobs</h1><main id="view"><p>Welcome.</p></main>',
    `let view = 0; const main = document.getElementById('view');
     const timer = setInterval(() => {
       view++;
       history.pushState({}, '', '?view=' + view);
       main.replaceChildren();
       if (view === 10) { main.append(scamParagraph()); mark('trigger'); clearInterval(timer); }
       else { const p = document.createElement('p'); p.textContent = 'View ' + view + '. ' + FILLER_TEXT.repeat(5); main.append(p); }
     }, 300);`,
  );
}

/** An ordinary page: an article of about 12,000 characters, a menu and links, no scam. */
function ordinary(): string {
  const nav = Array.from({ length: 30 }, (_, i) => `<li><a href="#s${i}">Section ${i}</a></li>`).join('');
  const article = Array.from({ length: 40 }, (_, i) => `<h2 id="s${i}">Section ${i}</h2><p>${FILLER.repeat(2)}</p>`).join('');
  return page('Town news', `<header><nav><ul>${nav}</ul></nav></header><main><h1>Town news</h1>${article}</main><footer><p>Contact us</p></footer>`);
}

/** The generated pages by path (cached: the 50 MB page takes a while to build). */
const cache = new Map<string, string>();
export function benchPage(path: string, params: URLSearchParams): string | null {
  const key = `${path}?${params.toString()}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let html: string | null = null;
  if (path === '/gen/big-text') html = bigText(Number(params.get('mb') ?? 50));
  else if (path === '/gen/deep') html = deepDom();
  else if (path === '/gen/log') html = growingLog(Number(params.get('after') ?? 10_000));
  else if (path === '/gen/feed') html = feed(Number(params.get('after') ?? 3000));
  else if (path === '/gen/spa') html = spa();
  else if (path === '/gen/ordinary') html = ordinary();
  if (html !== null) cache.set(key, html);
  return html;
}
