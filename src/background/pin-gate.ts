// The PIN check behind "I trust this site" and the options page's lock (issue 5). Done here, in
// the background, so that every extension page shares one count of wrong attempts (kept in
// storage.local: closing a tab or restarting the browser does not reset the wait), and so that the
// allowlist only grows through a check the page can never see: content scripts cannot ask for the
// PIN, only for this extension's own page that does (unlock page, options page).
import browser from 'webextension-polyfill';
import { parsePinThrottle, pinWaitMs, recordPinFailure, recordPinSuccess, verifyPin } from '../shared/pin';
import { PIN_STORAGE_KEY, PIN_THROTTLE_STORAGE_KEY } from '../shared/settings';

export interface PinCheck {
  ok: boolean;
  /** ms to wait before the next attempt (0: may try now). */
  waitMs: number;
}

/**
 * Checks run one at a time: tries sent all at once must not each read the same count of
 * failures and so slip past the wait (the count is read, then written, across awaits).
 */
let queue: Promise<unknown> = Promise.resolve();

export function checkPin(pin: string): Promise<PinCheck> {
  const run = queue.then(() => checkPinNow(pin, Date.now()));
  queue = run.catch(() => undefined);
  return run;
}

async function checkPinNow(pin: string, now: number): Promise<PinCheck> {
  const stored = await browser.storage.local.get([PIN_STORAGE_KEY, PIN_THROTTLE_STORAGE_KEY]);
  const throttle = parsePinThrottle(stored[PIN_THROTTLE_STORAGE_KEY]);
  const wait = pinWaitMs(throttle, now);
  // While the wait lasts, no PIN is even tried: a guess that happens to be right is not told apart.
  if (wait > 0) return { ok: false, waitMs: wait };
  if (await verifyPin(pin, stored[PIN_STORAGE_KEY])) {
    await browser.storage.local.set({ [PIN_THROTTLE_STORAGE_KEY]: recordPinSuccess() });
    return { ok: true, waitMs: 0 };
  }
  const next = recordPinFailure(throttle, now);
  await browser.storage.local.set({ [PIN_THROTTLE_STORAGE_KEY]: next });
  return { ok: false, waitMs: pinWaitMs(next, now) };
}
