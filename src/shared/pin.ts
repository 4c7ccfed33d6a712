// The PIN that locks the settings, the allowlist and "I trust this site" (issue 5). A scammer on
// the phone coaches the victim to switch protection off; the PIN, known only to the family, stops
// that, and wrong guesses slow down so that trying all 10,000 four-digit PINs takes days.
// Only a salted PBKDF2 hash is stored. With so few possible PINs the hash cannot stop someone who
// copies the browser profile and brute-forces it offline; it keeps the PIN out of plain sight in
// storage and makes every guess cost time. Pure: WebCrypto (globalThis.crypto, in browsers and
// Node 20), and the caller passes the clock.

export const PIN_RECORD_VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; about half a second on a slow laptop. */
export const PIN_ITERATIONS = 600_000;
/** Records below this are refused: a tampered record must not make guessing cheap. */
export const MIN_PIN_ITERATIONS = 210_000;
/** Above this a record would make the options page hang for minutes: also refused. */
const MAX_PIN_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 12;

export interface PinRecord {
  version: typeof PIN_RECORD_VERSION;
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** Base64, 16 random bytes. */
  salt: string;
  /** Base64, 32 bytes. */
  hash: string;
}

export class PinFormatError extends Error {
  override name = 'PinFormatError';
}

/**
 * The PIN as typed, in ASCII digits, or null when it is not 4 to 12 digits. NFKC first: a Chinese
 * input method may type full-width digits ("１２３４"), which the person reads as the same PIN.
 */
export function normalizePin(input: string): string | null {
  if (input.length > PIN_MAX_LENGTH * 4) return null;
  const pin = input.normalize('NFKC').trim();
  return /^[0-9]+$/.test(pin) && pin.length >= PIN_MIN_LENGTH && pin.length <= PIN_MAX_LENGTH ? pin : null;
}

/**
 * Why a new PIN should not be used: 'format' (not 4–12 digits) or 'guessable' (one digit repeated,
 * or a run up or down such as 1234 or 9876: the first PINs anyone tries). null when it is fine.
 */
export function pinProblem(input: string): 'format' | 'guessable' | null {
  const pin = normalizePin(input);
  if (pin === null) return 'format';
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((pin.charCodeAt(i) - pin.charCodeAt(i - 1) + 10) % 10);
  return steps.size === 1 && [0, 1, 9].includes([...steps][0]!) ? 'guessable' : null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Strict base64 of exactly `length` bytes, or null. */
function fromBase64(text: unknown, length: number): Uint8Array | null {
  if (typeof text !== 'string' || text.length !== Math.ceil(length / 3) * 4) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length !== length) return null;
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** A new record for this PIN, with a fresh random salt. Rejects (PinFormatError) a PIN that is not 4–12 digits. */
export async function hashPin(input: string): Promise<PinRecord> {
  const pin = normalizePin(input);
  if (pin === null) throw new PinFormatError(`a PIN is ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits`);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(pin, salt, PIN_ITERATIONS);
  return { version: PIN_RECORD_VERSION, algorithm: 'PBKDF2-SHA-256', iterations: PIN_ITERATIONS, salt: toBase64(salt), hash: toBase64(hash) };
}

/** A stored record, checked field by field; null if anything is off (tampered, truncated, foreign). */
export function validatePinRecord(raw: unknown): PinRecord | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (r.version !== PIN_RECORD_VERSION || r.algorithm !== 'PBKDF2-SHA-256') return null;
  const iterations = r.iterations;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations)) return null;
  if (iterations < MIN_PIN_ITERATIONS || iterations > MAX_PIN_ITERATIONS) return null;
  if (fromBase64(r.salt, SALT_BYTES) === null || fromBase64(r.hash, HASH_BYTES) === null) return null;
  return { version: PIN_RECORD_VERSION, algorithm: 'PBKDF2-SHA-256', iterations, salt: r.salt as string, hash: r.hash as string };
}

/** Compares every byte whatever the first difference, so the time taken says nothing about where it is. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Whether the PIN matches the record. Fails closed: a record that does not validate matches no
 * PIN (the family resets it by reinstalling; a tampered record must not open the lock).
 */
export async function verifyPin(input: string, raw: unknown): Promise<boolean> {
  const record = validatePinRecord(raw);
  const pin = normalizePin(input);
  if (record === null || pin === null) return false;
  const expected = fromBase64(record.hash, HASH_BYTES)!;
  const actual = await derive(pin, fromBase64(record.salt, SALT_BYTES)!, record.iterations);
  return constantTimeEqual(actual, expected);
}

// ---------------------------------------------------------------------------------------------
// Slowing down wrong guesses: a pure state machine over { failures, lockedUntil }. The caller
// stores the state (storage.local, so closing the options page does not reset it) and passes now.

export interface PinThrottle {
  /** Wrong PINs since the last right one. */
  failures: number;
  /** No attempt before this time (ms since the epoch). */
  lockedUntil: number;
}

export const INITIAL_PIN_THROTTLE: Readonly<PinThrottle> = Object.freeze({ failures: 0, lockedUntil: 0 });
/** Wrong PINs allowed without waiting: typing errors, not guessing. */
export const FREE_PIN_ATTEMPTS = 3;
export const FIRST_PIN_DELAY_MS = 30_000;
export const MAX_PIN_DELAY_MS = 60 * 60_000;

/** The wait after the n-th wrong PIN in a row: none for the first 3, then 30 s, 60 s, 120 s, … at most 1 hour. */
export function pinDelayAfter(failures: number): number {
  if (failures <= FREE_PIN_ATTEMPTS) return 0;
  const doublings = Math.min(failures - FREE_PIN_ATTEMPTS - 1, 16);
  return Math.min(FIRST_PIN_DELAY_MS * 2 ** doublings, MAX_PIN_DELAY_MS);
}

/**
 * How many ms to wait before the next attempt (0: try now). Never more than the delay the
 * failures call for: if the clock was moved back, lockedUntil would otherwise lie far ahead.
 */
export function pinWaitMs(state: PinThrottle, now: number): number {
  const wait = Math.max(0, state.lockedUntil - now);
  return Math.min(wait, pinDelayAfter(state.failures));
}

/** The state after a wrong PIN entered at `now`. */
export function recordPinFailure(state: PinThrottle, now: number): PinThrottle {
  const failures = Math.min(state.failures + 1, 1000);
  return { failures, lockedUntil: now + pinDelayAfter(failures) };
}

/** The state after the right PIN: the count starts again. */
export function recordPinSuccess(): PinThrottle {
  return { ...INITIAL_PIN_THROTTLE };
}

/** A stored throttle state, or the initial one when it is missing or corrupt. */
export function parsePinThrottle(raw: unknown): PinThrottle {
  if (typeof raw !== 'object' || raw === null) return { ...INITIAL_PIN_THROTTLE };
  const { failures, lockedUntil } = raw as Record<string, unknown>;
  if (typeof failures !== 'number' || !Number.isSafeInteger(failures) || failures < 0) return { ...INITIAL_PIN_THROTTLE };
  if (typeof lockedUntil !== 'number' || !Number.isFinite(lockedUntil) || lockedUntil < 0) return { ...INITIAL_PIN_THROTTLE };
  return { failures: Math.min(failures, 1000), lockedUntil };
}
