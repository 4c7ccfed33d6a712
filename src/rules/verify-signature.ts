// The feed's detached Ed25519 signature, checked over the exact bytes served (issue 4). The
// extension trusts the public keys in trusted-keys.ts and nothing else; a list, so that a key can
// be rotated (docs/feed-hosting.md). WebCrypto's Ed25519 where the browser has it (Chromium 137+,
// Firefox 129+, Node 20), @noble/ed25519 where it does not: an audited, dependency-free
// implementation made for exactly this.
import { verifyAsync } from '@noble/ed25519';
import { FeedError } from './feed-error';

export interface TrustedKey {
  /** keyIdOf(publicKey): names the key in signature files. */
  id: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

/** What `npm run rules -- sign` writes beside rules.json (rules.json.sig). */
export interface SignatureFile {
  alg: 'Ed25519';
  keyId: string;
  /** 64 bytes, base64. */
  signature: string;
}

export const MAX_SIGNATURE_FILE_BYTES = 1024;

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The first 8 bytes of the key's SHA-256, in hex: short, stable, and derived, so never mistyped. */
export async function keyIdOf(publicKeyBase64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64(publicKeyBase64) as BufferSource));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

function bytesOf(text: string, field: string, length: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(text);
  } catch {
    throw new FeedError('invalid-signature-file', `${field}: not base64`);
  }
  if (bytes.length !== length) throw new FeedError('invalid-signature-file', `${field}: ${bytes.length} bytes, expected ${length}`);
  return bytes;
}

export function parseSignatureFile(text: string): SignatureFile {
  if (text.length > MAX_SIGNATURE_FILE_BYTES) throw new FeedError('invalid-signature-file', 'longer than 1 KiB');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FeedError('invalid-signature-file', 'not JSON');
  }
  const v = value as Partial<SignatureFile> | null;
  if (typeof v !== 'object' || v === null || v.alg !== 'Ed25519' || typeof v.keyId !== 'string' || typeof v.signature !== 'string') {
    throw new FeedError('invalid-signature-file', 'needs alg "Ed25519", keyId and signature');
  }
  bytesOf(v.signature, 'signature', 64);
  return { alg: 'Ed25519', keyId: v.keyId, signature: v.signature };
}

export interface VerifyOptions {
  /** false: skip WebCrypto and use the library (how the tests cover browsers without Ed25519). */
  webCrypto?: boolean;
}

async function ed25519Verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array, options: VerifyOptions): Promise<boolean> {
  if (options.webCrypto !== false) {
    try {
      const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, message as BufferSource);
    } catch {
      // NotSupportedError on a browser without Ed25519 in WebCrypto: the library decides.
    }
  }
  try {
    return await verifyAsync(signature, message, publicKey);
  } catch {
    return false;
  }
}

/**
 * Throws a FeedError unless `signatureText` is a signature over exactly `body` by one of
 * `trusted`: 'invalid-signature-file', 'unknown-key' or 'bad-signature'. Returns the key id.
 */
export async function verifySignature(body: Uint8Array, signatureText: string, trusted: readonly TrustedKey[], options: VerifyOptions = {}): Promise<string> {
  const file = parseSignatureFile(signatureText);
  const key = trusted.find((k) => k.id === file.keyId);
  if (!key) throw new FeedError('unknown-key', `key ${file.keyId} is not one this extension trusts`);
  const ok = await ed25519Verify(bytesOf(key.publicKey, 'trusted key', 32), fromBase64(file.signature), body, options);
  if (!ok) throw new FeedError('bad-signature', `the signature by key ${key.id} does not match the feed's bytes`);
  return key.id;
}
