// Lets the page run between two slices of the content script's work (issue 11: no task of 50 ms
// or more). `scheduler.yield()` (Chromium 129+) resumes ahead of other queued tasks, so a long
// read still finishes soon; elsewhere a MessageChannel message is the next task without the
// 4 ms clamp that nested setTimeout calls get.
import { nextTask } from '../shared/next-task';

/** Time budget of one slice of work, in milliseconds. */
export const SLICE_MS = 10;

interface Scheduler {
  yield?: () => Promise<void>;
}

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return nextTask();
}

/** A clock for slices: performance.now() where there is one. */
export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Resolves once the browser has drawn its next frame (or after `fallbackMs`, for tabs in the
 * background, which draw none). A big page's first style and layout then belong to the browser's
 * own frame rather than to a slice of ours that reads a computed style before it.
 */
export function afterNextFrame(view: Window | null, fallbackMs = 200): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    if (typeof view?.requestAnimationFrame !== 'function') return;
    view.requestAnimationFrame(() => {
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0);
    });
  });
}
