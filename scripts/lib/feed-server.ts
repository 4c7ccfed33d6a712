// A rules feed on 127.0.0.1 for development and tests (`npm run rules -- serve`, the e2e tests).
// It serves a directory's rules.json and rules.json.sig the way a static host or CDN does:
// ETag and Last-Modified, 304 to a matching conditional request, CORS so that an extension can
// read it from any origin (Access-Control-Allow-Origin: *, the conditional headers allowed, the
// validators exposed). Switches misbehave on purpose: answer slowly, answer an error status, or
// never answer, to see the updater keep its rules and back off.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, join } from 'node:path';

export interface FeedServerOptions {
  /** The directory with rules.json and rules.json.sig. */
  dir: string;
  /** Serve this file as rules.json instead (its signature: the same path + ".sig", if it exists). */
  file?: string;
  /** Wait this long before each answer. */
  delayMs?: number;
  /** Answer every request for the feed with this status and no body. */
  status?: number;
  /** Accept connections and never answer. */
  hang?: boolean;
}

export interface FeedServer {
  server: Server;
  url: string;
  /** Changes the switches while running (the tests publish, break and fix the feed). */
  options: FeedServerOptions;
  /** Requests seen, newest last: method, path and the conditional headers sent. */
  requests: { method: string; path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close(): Promise<void>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Content-Length, Retry-After',
  'Access-Control-Max-Age': '600',
};

function fileFor(options: FeedServerOptions, name: string): string | null {
  if (name !== 'rules.json' && name !== 'rules.json.sig') return null;
  if (options.file) return name === 'rules.json' ? options.file : `${options.file}.sig`;
  return join(options.dir, name);
}

function answer(options: FeedServerOptions, req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...CORS, Allow: 'GET, HEAD, OPTIONS' }).end();
    return;
  }
  const name = basename(new URL(req.url ?? '/', 'http://localhost').pathname);
  const path = fileFor(options, name);
  if (options.status !== undefined && path !== null) {
    res.writeHead(options.status, { ...CORS, 'Content-Type': 'text/plain' }).end();
    return;
  }
  if (path === null || !existsSync(path)) {
    res.writeHead(404, { ...CORS, 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const body = readFileSync(path);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const lastModified = statSync(path).mtime.toUTCString();
  const headers = {
    ...CORS,
    'Content-Type': name.endsWith('.json') ? 'application/json' : 'text/plain',
    'Cache-Control': 'no-cache',
    ETag: etag,
    'Last-Modified': lastModified,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export async function startFeedServer(options: FeedServerOptions, port = 0): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  const live: FeedServerOptions = { ...options };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const entry: FeedServer['requests'][number] = { method: req.method ?? '', path };
    if (typeof req.headers['if-none-match'] === 'string') entry.ifNoneMatch = req.headers['if-none-match'];
    if (typeof req.headers['if-modified-since'] === 'string') entry.ifModifiedSince = req.headers['if-modified-since'];
    requests.push(entry);
    if (live.hang) return;
    setTimeout(() => answer(live, req, res), live.delayMs ?? 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://127.0.0.1:${actualPort}/rules.json`,
    options: live,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
