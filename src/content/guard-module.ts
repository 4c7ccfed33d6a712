// The guard, as the module the content script imports when a page gives the rules a reason
// (load-guard-module.ts, first-stage.ts): the visible walk, the watcher (guard-page.ts) and the
// settings, verdict and warning (page-warnings.ts), built into one self-contained file
// (vite.config.ts). An ordinary page never compiles any of it (issue 11, "light on every page").
import { guardPage, type ContentBrowser, type GuardedPage } from './guard-page';
import * as pageWarnings from './page-warnings';

export function startGuard(api: ContentBrowser, win: Window & typeof globalThis): Promise<GuardedPage> {
  return guardPage(api, win, () => Promise.resolve(pageWarnings));
}
