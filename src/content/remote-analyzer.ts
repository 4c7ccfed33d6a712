// The page's text scored by the extension's own background (issue 11): the prefilter, the engine and
// the rules live there, held in memory, so this script carries none of them and the page's main
// thread pays for none of their work. Page text goes to the background on this device, never
// further, and the background keeps none of it once it has answered.
import type { LocalizedText } from '../engine/types';
import { clearResult, type ChunkAnalyzer, type ChunkContext } from './page-scanner';
import type { SendMessage } from './send-to-background';
import { askBackground } from './ask-to-score';

/**
 * The page's chunks scored by the background (issue 11), in the two stages the content script
 * ran itself before: the text alone, which the background's prefilter clears or finds a reason
 * in; then, on a reason, for this page from then on, the text with its context (sensitivity and
 * signals: `beforeFull` reads the settings first). `onExplanations` hears the explanations of the
 * rules that fired, which the warning shows.
 */
export function remoteAnalyzer(send: SendMessage, beforeFull: () => Promise<void>, onExplanations: (explanations: Record<string, LocalizedText>) => void): ChunkAnalyzer {
  let reason = false;
  return {
    async analyze({ text, title }, context: () => ChunkContext) {
      if (!reason) {
        const first = await askBackground(send, { kind: 'cs-bg-analyze', text, title });
        // A chunk cleared while another found a reason is read in full, as every chunk after a reason is.
        if (first.verdict === 'clear' && !reason) return clearResult();
        reason = true;
      }
      await beforeFull();
      const { sensitivity, signals } = context();
      const reply = await askBackground(send, { kind: 'cs-bg-analyze', text, title, context: { sensitivity, signals } });
      if (reply.verdict !== 'result') throw new Error('Scam Sentinel: the background did not score the text');
      onExplanations(reply.explanations);
      return reply.result;
    },
  };
}

