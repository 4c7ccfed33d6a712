// Loads the guard (guard-module.ts, built as a file of its own: vite.config.ts) into the content
// script's world: only a page that gives the rules a reason, or that holds what the first stage
// cannot read (first-stage.ts), compiles the page scanner, the watcher, the settings, the verdict
// and the warning (issue 11: an ordinary page compiled all of them on every load, 6 ms of its main
// thread before it read a word). A content script can import() an extension file only if it is
// web-accessible; the manifest lists this one file, on Chrome with `use_dynamic_url`
// (docs/architecture.md says what a page can and cannot learn from it). The module runs in the
// content script's isolated world, like the rest of it.
import type * as GuardModule from './guard-module';

/** The built module's path in the extension (vite.config.ts builds it there, the manifest exposes it). */
export const GUARD_MODULE_FILE = 'src/content/guard-module.js';

/** What the built file exports: guard-module.ts. */
export type GuardModuleExports = typeof GuardModule;

export function loadGuardModule(getURL: (path: string) => string): Promise<GuardModuleExports> {
  return import(/* @vite-ignore */ getURL(GUARD_MODULE_FILE)) as Promise<GuardModuleExports>;
}
