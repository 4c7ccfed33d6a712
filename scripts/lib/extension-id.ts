// The Chrome extension id that a manifest `key` fixes: the first 128 bits of the SHA-256 of the
// public key (DER SubjectPublicKeyInfo), written as 32 letters a–p (hex digit 0 → a … f → p).
// Policies name the extension by this id (docs/family-kit/), so it must not change between
// unpacked and packed builds or between machines.
import { createHash } from 'node:crypto';

export function extensionIdFromKey(base64Key: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64Key)) throw new Error('manifest key: not base64');
  const der = Buffer.from(base64Key, 'base64');
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}
