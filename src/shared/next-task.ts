// The next task of the event loop, for work cut into slices (issue 11): a MessageChannel message
// runs as a new task without the 4 ms clamp that nested setTimeout calls get; where there is no
// MessageChannel, a timeout. Used by the content script's slices (src/content/yield-to-page.ts) and
// the worker's steps (src/background/yield-to-worker.ts) where the platform has no scheduler.

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') {
      setTimeout(resolve, 0);
      return;
    }
    if (channel === null) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
      // Node (unit tests) would otherwise keep running for the open port.
      (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}
