// Turn the argument of `npm run scan` (a saved page, a text file or a URL) into the engine's
// AnalyzeInput: for HTML the visible text, title and page signals (extract-html.ts); for plain
// text the text itself.
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { AnalyzeInput } from '../../src/engine/types';
import { CliError } from './cli-error';
import { decodeBytes } from './decode-bytes';
import { extractHtml } from './extract-html';
import { DEFAULT_MAX_BYTES, fetchPage } from './fetch-page';

export interface ScanInput {
  input: AnalyzeInput;
  kind: 'html' | 'text';
  /** The file path or the final URL. */
  origin: string;
  encoding: string;
}

/** Saved pages larger than this are refused: nobody saves a 64 MB page, a wrong file is likelier. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.mhtml', '.php', '.asp', '.aspx', '.jsp']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md', '.csv', '.log']);

export function looksLikeUrl(arg: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(arg);
}

/** HTML if the start of the document says so. */
export function sniffHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return /^<(!doctype html|html|head|body|meta|title|!--)/.test(head) || /<html[\s>]/.test(head);
}

/** "<!-- saved from url=(0023)https://example.com/ -->", written by browsers when saving a page. */
function savedFromUrl(html: string): string | undefined {
  const m = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  if (!m?.[1]) return undefined;
  try {
    const u = new URL(m[1]);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function fromHtml(html: string, url: string | undefined): AnalyzeInput {
  const page = extractHtml(html, url);
  const input: AnalyzeInput = { text: page.text, signals: page.signals };
  if (page.title) input.title = page.title;
  if (url) input.url = url;
  return input;
}

async function readLocalFile(arg: string): Promise<ScanInput> {
  const path = resolve(arg);
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CliError(`${arg} is a directory, not a page or text file`);
    if (!st.isFile()) throw new CliError(`${arg} is not a regular file`);
    size = st.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(`no such file: ${arg}`);
    if (code === 'EACCES') throw new CliError(`cannot read ${arg}: permission denied`);
    throw new CliError(`cannot read ${arg}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (size > MAX_FILE_BYTES) throw new CliError(`${arg} is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EACCES') throw new CliError(`cannot read ${arg}: permission denied`);
    throw new CliError(`cannot read ${arg}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) {
    throw new CliError(`${arg} looks like a binary file, not a page or text`);
  }
  const { text, encoding } = decodeBytes(bytes);
  const ext = extname(path).toLowerCase();
  const isHtml = HTML_EXTENSIONS.has(ext) || (!TEXT_EXTENSIONS.has(ext) && sniffHtml(text));
  if (isHtml) return { input: fromHtml(text, savedFromUrl(text)), kind: 'html', origin: path, encoding };
  return { input: { text }, kind: 'text', origin: path, encoding };
}

export async function readScanInput(arg: string, options: { maxBytes?: number; timeoutMs?: number } = {}): Promise<ScanInput> {
  if (!looksLikeUrl(arg)) return readLocalFile(arg);
  const page = await fetchPage(arg, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, timeoutMs: options.timeoutMs });
  const { text, encoding } = decodeBytes(page.bytes, page.contentType);
  const mime = page.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const isHtml = mime.includes('html') || (mime !== 'text/plain' && sniffHtml(text));
  if (isHtml) return { input: fromHtml(text, page.url), kind: 'html', origin: page.url, encoding };
  return { input: { text, url: page.url }, kind: 'text', origin: page.url, encoding };
}
