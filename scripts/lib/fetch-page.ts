// Fetch one page the user named on the command line (`npm run scan -- https://…`), with a time
// limit and a size cap so that a hostile or endless response cannot hang or exhaust the tool.
import { BodyTooLargeError, readCappedBody } from '../../src/shared/read-capped-body';
import { CliError } from './cli-error';

export interface FetchedPage {
  bytes: Uint8Array;
  contentType: string;
  /** The URL after redirects. */
  url: string;
}

export interface FetchPageOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20_000;

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return 'host not found';
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ECONNRESET') return 'connection reset';
  if (cause?.code?.startsWith('CERT_') || cause?.code?.includes('SSL') || cause?.code?.includes('TLS')) {
    return `TLS certificate problem (${cause.code})`;
  }
  return cause?.message ?? (err instanceof Error ? err.message : String(err));
}

export async function fetchPage(rawUrl: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CliError(`not a valid URL: ${rawUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`only http and https URLs can be fetched, not ${url.protocol}`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      signal,
      redirect: 'follow',
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1' },
    });
  } catch (err) {
    if (signal.aborted) throw new CliError(`no response from ${url.href} within ${timeoutMs / 1000} s`);
    throw new CliError(`could not fetch ${url.href}: ${describeNetworkError(err)}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new CliError(`${url.href} answered HTTP ${res.status} ${res.statusText}`.trim());
  }
  const contentType = res.headers.get('content-type') ?? '';
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime && !mime.startsWith('text/') && !mime.includes('html') && !mime.includes('xml')) {
    await res.body?.cancel().catch(() => undefined);
    throw new CliError(`${res.url || url.href} is ${mime}, not a web page or text`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readCappedBody(res, maxBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      throw new CliError(err.declared === null ? `${url.href} sent more than the ${maxBytes}-byte limit` : `${url.href} is ${err.declared} bytes, over the ${maxBytes}-byte limit`);
    }
    if (signal.aborted) throw new CliError(`${url.href} did not finish within ${timeoutMs / 1000} s`);
    throw new CliError(`reading ${url.href} failed: ${describeNetworkError(err)}`);
  }
  return { bytes, contentType, url: res.url || url.href };
}
