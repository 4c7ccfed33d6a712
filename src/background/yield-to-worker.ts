// Lets the background answer what came meanwhile between the steps of a long job (issue 11, "warn
// fast"). On the first page after install or browser start, the worker reads its full rules
// (2 MB of JSON to decode, parse and revive) while that page's first chunks arrive; done in one
// go, the chunks' prefilter answers waited behind it, and so did the page's own next step
// (loading its warning and settings), which could have run meanwhile. A step here ends in a task
// of background priority, so a message waiting is handled first. Not `scheduler.yield()`: its
// continuation runs ahead of other queued tasks, which is right for a page's slices
// (src/content/yield-to-page.ts) but not here.

import { nextTask } from '../shared/next-task';

interface PostTaskScheduler {
  postTask?: (callback: () => void, options?: { priority?: 'user-blocking' | 'user-visible' | 'background' }) => Promise<void>;
}

export function yieldToWorker(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority: 'background' });
  return nextTask();
}
