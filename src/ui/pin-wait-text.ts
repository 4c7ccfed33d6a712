// What the options page and the PIN page say after a wrong PIN: that it was wrong, and how long
// the lock makes the next try wait (pin.ts), in words from _locales.
import type { GetMessage } from './dom';

export function pinWaitText(t: GetMessage, waitMs: number): string {
  return waitMs > 0 ? `${t('pin_wrong')} ${t('pin_wait')} ${Math.ceil(waitMs / 1000)} ${t('pin_seconds')}` : t('pin_wrong');
}
