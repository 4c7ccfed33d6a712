// Runs in every http(s) page, top frame only, at document_idle (manifest.json).
// Reads the visible text, scores it on the device, and tells the background the level and
// which rules fired with their quoted phrases, never the page text (DESIGN, "What it must do" 1).
// Built as one self-contained IIFE (vite.config.ts) so the page cannot fetch extension code.
import compiledRules from 'virtual:compiled-rules';
import { analyze } from '../engine';
import { deserializeCompiled } from '../engine/serialize-compiled';
import { summarizeResult } from '../shared/summarize-result';
import { collectPageText } from './collect-page-text';
import { sendToBackground } from './send-to-background';

// Compiled at build time (vite.config.ts); reading it back costs a few milliseconds per page,
// compiling it here would cost a hundred.
const compiled = deserializeCompiled(compiledRules);

function scanPage(): void {
  const result = analyze(collectPageText(document), compiled);
  sendToBackground(summarizeResult(result, location.hostname)).catch((error: unknown) => {
    // The background may be restarting (extension update); the next page load reports again.
    console.debug('Scam Sentinel: could not reach the background', error);
  });
}

scanPage();
