// Runs in every http(s) page, top frame only, at document_end (manifest.json): the page is read as soon as it is parsed,
// in slices that yield to it (page-scanner.ts).
// Reads the visible text, scores it on the device, shows the warning, and tells the background
// the level and which rules fired with their quoted phrases, never the page text (DESIGN, "What it
// must do" 1). The wiring is guard-page.ts; this file only hands it the browser and the rules
// the build bundled. Built as one self-contained IIFE (vite.config.ts) so the page cannot fetch
// extension code.
import compiledRules from 'virtual:compiled-rules';
import { version as bundledVersion } from 'virtual:rules-version';
import browser from 'webextension-polyfill';
import { deserializeCompiled } from '../engine/serialize-compiled';
import { guardPage } from './guard-page';

void guardPage(browser, window, { bundledVersion, bundledRules: () => deserializeCompiled(compiledRules) });
