// Loads page-warnings.ts, built as a file of its own (vite.config.ts), into the content script's
// world: only a page that gives the rules a reason, or that is to be warned, compiles the settings
// model, the warning and its guard (issue 11: an ordinary page compiled all of them on every
// load). A content script can import() an extension file only if it is web-accessible; the
// manifest lists this one file, on Chrome with `use_dynamic_url` (docs/architecture.md says what a
// page can and cannot learn from it). The module runs in the content script's isolated world,
// like the rest of it.
import type * as PageWarnings from './page-warnings';

/** The built module's path in the extension (vite.config.ts builds it there, the manifest exposes it). */
export const PAGE_WARNINGS_FILE = 'src/content/page-warnings.js';

/** What the built file exports: page-warnings.ts. */
export type PageWarningsModule = typeof PageWarnings;

export function loadPageWarnings(getURL: (path: string) => string): Promise<PageWarningsModule> {
  return import(/* @vite-ignore */ getURL(PAGE_WARNINGS_FILE)) as Promise<PageWarningsModule>;
}
