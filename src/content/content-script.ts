// Runs in every http(s) page, top frame only, at document_end (manifest.json): the page is read as soon as it is parsed,
// in slices that yield to it (page-scanner.ts).
// Reads the visible text and has the extension's own background score it (issue 11: the prefilter,
// the engine and the rules are not in this script, so a page pays neither their evaluation nor
// their analysis on its main thread), shows the warning, and tells the background the level and
// which rules fired with their quoted phrases. Page text goes to the background on this device and
// no further (DESIGN, "What it must do" 1). The wiring is guard-page.ts; this file only hands it
// the browser. Built as one self-contained IIFE (vite.config.ts); the settings, verdict and
// warning (page-warnings.ts) are a second file, imported only when a page gives a reason or is to
// be warned (load-page-warnings.ts says what a page can learn of it).
import { firstStage } from './first-stage';
import { guardPage } from './guard-page';
import { contentBrowser, type ContentScriptBrowser } from './content-browser';
import { loadPageWarnings } from './load-page-warnings';

const api: ContentScriptBrowser = contentBrowser(globalThis as unknown as { browser?: unknown; chrome?: unknown });

// The first stage asks the background's prefilter about the page's raw text; the guard (the visible
// walk, the watcher, the warning) starts only when the page gives a reason (first-stage.ts).
firstStage(api, window, () => void guardPage(api, window, () => loadPageWarnings((path) => api.runtime.getURL(path))));
