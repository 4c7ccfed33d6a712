// Runs in every http(s) page, top frame only, at document_end (manifest.json). Issue 11, "light on
// every page": this script is only the first stage (first-stage.ts), which has the background's
// prefilter check the page's raw text and watches for what is added. On a reason (or a page it
// cannot read, or a listed site) it imports the guard (load-guard-module.ts: the visible walk in
// slices that yield to the page, the watcher, the settings, the verdict and the warning), built as
// a module of its own, so an ordinary page compiles none of it. Page text goes to the background
// on this device and no further (DESIGN, "What it must do" 1). Built as one self-contained IIFE
// (vite.config.ts).
import { contentBrowser, type ContentScriptBrowser } from './content-browser';
import { firstStage } from './first-stage';
import { guardUnloaded } from './guard-unloaded';
import { loadGuardModule } from './load-guard-module';

const api: ContentScriptBrowser = contentBrowser(globalThis as unknown as { browser?: unknown; chrome?: unknown });

firstStage(api, window, () => {
  loadGuardModule((path) => api.runtime.getURL(path)).then(
    (guard) => guard.startGuard(api, window),
    (error: unknown) => {
      console.debug('Scam Sentinel: the guard could not be loaded', error);
      return guardUnloaded(api, document);
    },
  ).catch(() => undefined);
});
