// The engine on the test's own thread as the page scanner's analyser: every chunk read in full, as
// the background reads a page that gave its rules a reason (src/background/answer-analyze.ts).
import { analyze, type CompiledRules } from '../../../src/engine';
import type { ChunkAnalyzer } from '../../../src/content/page-scanner';

export function localAnalyzer(compiled: CompiledRules): ChunkAnalyzer {
  return {
    analyze: async ({ text, title }, context) => {
      const { sensitivity, signals } = context();
      return analyze({ text, title, signals }, compiled, { sensitivity });
    },
  };
}
