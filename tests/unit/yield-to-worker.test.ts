// The background's long jobs yield between steps (src/background/yield-to-worker.ts): each step
// ends in a task of its own, so what was queued meanwhile runs first.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { yieldToWorker } from '../../src/background/yield-to-worker';

describe('yieldToWorker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('resumes after a task queued before it, without a scheduler (MessageChannel)', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('queued'), 0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const step = yieldToWorker().then(() => order.push('resumed'));
    await step;
    expect(order).toEqual(['queued', 'resumed']);
  });

  test('uses scheduler.postTask at background priority where there is one', async () => {
    const postTask = vi.fn((callback: () => void) => Promise.resolve().then(callback));
    vi.stubGlobal('scheduler', { postTask });
    await yieldToWorker();
    expect(postTask).toHaveBeenCalledWith(expect.any(Function), { priority: 'background' });
  });
});
