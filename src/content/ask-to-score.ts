// One question about page text to the extension's own background (issue 11), asked again when the
// message fails or is not answered: a worker being restarted may refuse the first message, and a
// worker stopped while scoring never answers. Its own file: the first stage (first-stage.ts) asks
// with it on every page and must not compile the page scanner to do so.
import type { AnalyzeReply, AnalyzeTextMessage } from '../shared/messages';
import { sendToBackground, type SendMessage } from './send-to-background';

/** Tries at scoring a chunk: a worker that is being restarted may refuse the first message. */
const ANALYZE_TRIES = 3;
/** The wait before each next try. */
const RETRY_MS = [100, 1000];
/** An answer not come by then is asked again (a worker stopped while scoring never answers). */
const ANSWER_TIMEOUT_MS = 10_000;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The background's answer to a chunk, asked again when the message fails or is not answered. */
export async function askBackground(send: SendMessage, message: AnalyzeTextMessage): Promise<AnalyzeReply> {
  for (let attempt = 1; ; attempt++) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Scam Sentinel: no answer from the background')), ANSWER_TIMEOUT_MS);
    });
    try {
      return await Promise.race([sendToBackground(send, message), timeout]);
    } catch (error) {
      if (attempt >= ANALYZE_TRIES) throw error;
      await delay(RETRY_MS[attempt - 1] ?? 1000);
    } finally {
      clearTimeout(timer);
    }
  }
}
