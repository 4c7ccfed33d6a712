// A response body read no further than a limit: a server that sends 10 MB costs at most the limit,
// whether or not it declares its size (Content-Length may be absent or wrong). Used by the rules
// updater (2 MB feed) and the scan CLI (a web page). Web-platform fetch types only.

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(
    /** The Content-Length the server declared, or null when the stream itself overran. */
    readonly declared: number | null,
    readonly max: number,
  ) {
    super(declared === null ? `more than ${max} bytes` : `Content-Length ${declared}, at most ${max}`);
  }
}

export async function readCappedBody(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('Content-Length'));
  if (response.headers.has('Content-Length') && Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(declared, max);
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(null, max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
