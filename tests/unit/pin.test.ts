// The PIN lock (issue 5): PBKDF2 records, verification that fails closed on any tampering, and
// the exponential wait after wrong PINs as a pure state machine over a fake clock.
import { beforeAll, describe, expect, test } from 'vitest';
import {
  FIRST_PIN_DELAY_MS,
  INITIAL_PIN_THROTTLE,
  MAX_PIN_DELAY_MS,
  MIN_PIN_ITERATIONS,
  PIN_ITERATIONS,
  PinFormatError,
  hashPin,
  normalizePin,
  parsePinThrottle,
  pinDelayAfter,
  pinProblem,
  pinWaitMs,
  recordPinFailure,
  recordPinSuccess,
  validatePinRecord,
  verifyPin,
  type PinRecord,
  type PinThrottle,
} from '../../src/shared/pin';

describe('PIN format', () => {
  test.each<[string, string, string | null]>([
    ['four digits', '2580', '2580'],
    ['twelve digits', '123456789012', '123456789012'],
    ['full-width digits from a Chinese input method', '２５８０', '2580'],
    ['surrounding spaces', ' 2580 ', '2580'],
    ['three digits', '258', null],
    ['thirteen digits', '1234567890123', null],
    ['letters', '25a0', null],
    ['a space inside', '25 80', null],
    ['Arabic-Indic digits are not the keypad digits', '٢٥٨٠', null],
    ['empty', '', null],
    ['a huge string', '1'.repeat(1_000_000), null],
  ])('%s', (_name, input, expected) => {
    expect(normalizePin(input)).toBe(expected);
  });

  test.each<[string, 'format' | 'guessable' | null]>([
    ['2580', null],
    ['1357', null],
    ['1212', null],
    ['0000', 'guessable'],
    ['1234', 'guessable'],
    ['9876', 'guessable'],
    ['7890', 'guessable'],
    ['123456', 'guessable'],
    ['12', 'format'],
  ])('pinProblem(%s) = %s', (pin, expected) => {
    expect(pinProblem(pin)).toBe(expected);
  });
});

describe('hashing and verifying', () => {
  // PBKDF2 at 600,000 iterations takes a fraction of a second: hash once, reuse.
  let record: PinRecord;
  beforeAll(async () => {
    record = await hashPin('2580');
  });

  test('a record: version, algorithm, enough iterations, 16-byte salt, 32-byte hash, never the PIN', () => {
    expect(record.version).toBe(1);
    expect(record.algorithm).toBe('PBKDF2-SHA-256');
    expect(record.iterations).toBe(PIN_ITERATIONS);
    expect(record.iterations).toBeGreaterThanOrEqual(MIN_PIN_ITERATIONS);
    expect(atob(record.salt)).toHaveLength(16);
    expect(atob(record.hash)).toHaveLength(32);
    expect(JSON.stringify(record)).not.toContain('2580');
    expect(validatePinRecord(record)).toEqual(record);
  });

  test('the right PIN matches, also typed in full-width digits', async () => {
    expect(await verifyPin('2580', record)).toBe(true);
    expect(await verifyPin('２５８０', record)).toBe(true);
  });

  test.each(['2581', '0258', '25800', '0000', 'abcd', ''])('a wrong PIN (%s) does not', async (pin) => {
    expect(await verifyPin(pin, record)).toBe(false);
  });

  test('the same PIN hashed twice gets a different salt and hash', async () => {
    const again = await hashPin('2580');
    expect(again.salt).not.toBe(record.salt);
    expect(again.hash).not.toBe(record.hash);
    expect(await verifyPin('2580', again)).toBe(true);
  });

  test('matches PBKDF2-SHA-256 as node:crypto computes it (an independent implementation)', async () => {
    const { pbkdf2Sync } = await import('node:crypto');
    const expected = pbkdf2Sync('2580', Buffer.from(record.salt, 'base64'), record.iterations, 32, 'sha256').toString('base64');
    expect(record.hash).toBe(expected);
  });

  test.each(['123', '12345678901234', 'pin!'])('refuses to hash %s', async (pin) => {
    await expect(hashPin(pin)).rejects.toThrow(PinFormatError);
  });

  // Tampered or broken records match no PIN at all: the lock fails closed.
  const flip = (b64: string): string => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    bytes[0]! ^= 1;
    return btoa(String.fromCharCode(...bytes));
  };
  test.each<[string, (r: PinRecord) => PinRecord]>([
    ['hash changed by one bit', (r) => ({ ...r, hash: flip(r.hash) })],
    ['salt changed by one bit', (r) => ({ ...r, salt: flip(r.salt) })],
    ['iterations raised by one', (r) => ({ ...r, iterations: r.iterations + 1 })],
  ])('%s: still a well-formed record, but the right PIN no longer matches', async (_name, tamper) => {
    const tampered = tamper(record);
    expect(validatePinRecord(tampered)).toEqual(tampered);
    expect(await verifyPin('2580', tampered)).toBe(false);
  });

  test.each<[string, (r: PinRecord) => unknown]>([
    ['iterations lowered to make guessing cheap', (r) => ({ ...r, iterations: 1 })],
    ['iterations lowered below the minimum', (r) => ({ ...r, iterations: MIN_PIN_ITERATIONS - 1 })],
    ['iterations absurdly high (would hang the page)', (r) => ({ ...r, iterations: 2 ** 40 })],
    ['iterations a string', (r) => ({ ...r, iterations: String(r.iterations) })],
    ['iterations a fraction', (r) => ({ ...r, iterations: 600_000.5 })],
    ['an unknown version', (r) => ({ ...r, version: 2 })],
    ['another algorithm', (r) => ({ ...r, algorithm: 'SHA-1' })],
    ['hash cut short', (r) => ({ ...r, hash: r.hash.slice(0, 20) })],
    ['hash not base64', (r) => ({ ...r, hash: `${r.hash.slice(0, -2)}!=` })],
    ['salt empty', (r) => ({ ...r, salt: '' })],
    ['salt missing', ({ salt: _s, ...r }) => r],
    ['the PIN in plain text instead', () => ({ pin: '2580' })],
    ['null', () => null],
    ['an array', (r) => [r]],
    ['a string', (r) => JSON.stringify(r)],
  ])('%s: invalid, and no PIN matches', async (_name, tamper) => {
    const tampered = tamper(record);
    expect(validatePinRecord(tampered)).toBeNull();
    expect(await verifyPin('2580', tampered)).toBe(false);
  });

  test('a record with more iterations than now is still valid (a future version may raise them)', () => {
    expect(validatePinRecord({ ...record, iterations: 1_000_000 })).toEqual({ ...record, iterations: 1_000_000 });
  });

  test('fields beyond the record are dropped', () => {
    expect(validatePinRecord({ ...record, pin: '2580' })).toEqual(record);
  });
});

describe('waiting after wrong PINs', () => {
  test.each<[number, number]>([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 30_000],
    [5, 60_000],
    [6, 120_000],
    [7, 240_000],
    [8, 480_000],
    [9, 960_000],
    [10, 1_920_000],
    [11, MAX_PIN_DELAY_MS],
    [50, MAX_PIN_DELAY_MS],
    [1_000_000, MAX_PIN_DELAY_MS],
  ])('after %i wrong PINs in a row: %i ms', (failures, delay) => {
    expect(pinDelayAfter(failures)).toBe(delay);
  });

  test('a session of wrong guesses on a fake clock', () => {
    let now = 1_700_000_000_000;
    let state: PinThrottle = { ...INITIAL_PIN_THROTTLE };
    // Three typing errors: no wait.
    for (let i = 0; i < 3; i++) {
      expect(pinWaitMs(state, now)).toBe(0);
      state = recordPinFailure(state, now);
    }
    expect(pinWaitMs(state, now)).toBe(0);
    // The fourth: 30 s, counting down as time passes.
    state = recordPinFailure(state, now);
    expect(pinWaitMs(state, now)).toBe(FIRST_PIN_DELAY_MS);
    now += 10_000;
    expect(pinWaitMs(state, now)).toBe(20_000);
    now += 20_000;
    expect(pinWaitMs(state, now)).toBe(0);
    // The fifth: 60 s.
    state = recordPinFailure(state, now);
    expect(pinWaitMs(state, now)).toBe(60_000);
    now += 60_000;
    // The right PIN: the count starts again.
    state = recordPinSuccess();
    expect(state).toEqual({ failures: 0, lockedUntil: 0 });
    expect(pinWaitMs(state, now)).toBe(0);
    expect(pinDelayAfter(recordPinFailure(state, now).failures)).toBe(0);
  });

  test('trying every 4-digit PIN takes more than a week', () => {
    let total = 0;
    for (let n = 1; n <= 10_000; n++) total += pinDelayAfter(n);
    expect(total).toBeGreaterThan(7 * 24 * 60 * 60_000);
  });

  test('a clock moved back never makes the wait longer than the failures call for', () => {
    const state = recordPinFailure({ failures: 4, lockedUntil: 0 }, 1_700_000_000_000);
    expect(pinWaitMs(state, 1_700_000_000_000)).toBe(60_000);
    // The person's clock jumps a year back: lockedUntil is now a year ahead.
    expect(pinWaitMs(state, 1_700_000_000_000 - 365 * 24 * 60 * 60_000)).toBe(60_000);
  });

  test('recordPinFailure does not change the state it is given', () => {
    const state = { failures: 2, lockedUntil: 5 };
    recordPinFailure(state, 100);
    expect(state).toEqual({ failures: 2, lockedUntil: 5 });
  });

  test.each<[string, unknown, PinThrottle]>([
    ['a valid state', { failures: 5, lockedUntil: 123 }, { failures: 5, lockedUntil: 123 }],
    ['missing', undefined, { failures: 0, lockedUntil: 0 }],
    ['not an object', 'locked', { failures: 0, lockedUntil: 0 }],
    ['negative failures', { failures: -1, lockedUntil: 0 }, { failures: 0, lockedUntil: 0 }],
    ['failures a string', { failures: '5', lockedUntil: 0 }, { failures: 0, lockedUntil: 0 }],
    ['lockedUntil infinite', { failures: 5, lockedUntil: Infinity }, { failures: 0, lockedUntil: 0 }],
    ['huge failures are capped', { failures: 1e9, lockedUntil: 0 }, { failures: 1000, lockedUntil: 0 }],
  ])('parsePinThrottle: %s', (_name, raw, expected) => {
    expect(parsePinThrottle(raw)).toEqual(expected);
  });
});
