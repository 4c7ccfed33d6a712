// Runs in every http(s) page, top frame only, at document_end (manifest.json): the page is read as soon as it is parsed,
// in slices that yield to it (page-scanner.ts).
// Reads the visible text, scores it on the device, shows the warning, and tells the background
// the level and which rules fired with their quoted phrases, never the page text (DESIGN, "What it
// must do" 1). The wiring is guard-page.ts; this file only hands it the browser and the rules
// the prefilter the build derived. Built as one self-contained IIFE (vite.config.ts) so the page cannot fetch
// extension code.
import prefilter from 'virtual:prefilter';
import { version as bundledVersion } from 'virtual:rules-version';
import { guardPage, reviveRulesText, type ContentBrowser } from './guard-page';
import { sendToBackground } from './send-to-background';
import { contentBrowser } from './content-browser';

const api: ContentBrowser = contentBrowser(globalThis as unknown as { browser?: unknown; chrome?: unknown });

// Only the rules' first stage is in this file (issue 11): the compiled rules come from storage, or
// from the background (which reads the extension's own file), on a page that gives a reason.
const bundledRules = async () => {
  const { compiled } = await sendToBackground(api.runtime.sendMessage, { kind: 'cs-bg-get-rules' });
  return reviveRulesText(compiled);
};

void guardPage(api, window, { bundledVersion, bundledPrefilter: prefilter, bundledRules });
