// Runs in every http(s) page, top frame only, at document_idle (manifest.json).
// Reads the visible text, scores it on the device, and tells the background the level and
// which rules fired with their quoted phrases, never the page text (DESIGN, "What it must do" 1).
// Then watches for text added later and scans only that, batched, in idle time.
// Built as one self-contained IIFE (vite.config.ts) so the page cannot fetch extension code.
import compiledRules from 'virtual:compiled-rules';
import browser from 'webextension-polyfill';
import type { AnalyzeResult, Level } from '../engine/types';
import { deserializeCompiled } from '../engine/serialize-compiled';
import { summarizeResult } from '../shared/summarize-result';
import { clearHighlights, scrollToFirst, showHighlights } from './highlight-matches';
import { createPageScanner } from './page-scanner';
import { sendAcknowledge, sendPageResult } from './send-to-background';
import { warningContent } from './warning-content';
import { mountWarning, type MountedWarning } from './warning-overlay';

// Compiled at build time (vite.config.ts); reading it back costs a few milliseconds per page,
// compiling it here would cost a hundred.
const scanner = createPageScanner(document, deserializeCompiled(compiledRules));

/** At most one scan of added text per interval, however fast the page changes. */
const MIN_INTERVAL_MS = 1000;
/** Beyond this many pending nodes the next scan reads the whole page instead. */
const MAX_PENDING = 5000;

const t = (name: string): string => browser.i18n.getMessage(name);
let warning: MountedWarning | null = null;
/** The highest level acknowledged on this site this session: warnings up to it are not shown. */
let acknowledged: Level = 'none';
const RANK: Record<Level, number> = { none: 0, caution: 1, danger: 2 };

/** Shows the warning for the result's level, unless that level was acknowledged on this site. */
function warn(result: AnalyzeResult): void {
  if (RANK[result.level] <= RANK[acknowledged]) return;
  showHighlights(document, scanner.ranges);
  if (warning && (warning.level === result.level || warning.level === 'danger')) return;
  warning?.remove();
  const level = result.level === 'danger' ? 'danger' : 'caution';
  const acknowledge = (): void => {
    acknowledged = level;
    warning = null;
    clearHighlights(document);
    sendAcknowledge({ kind: 'cs-bg-acknowledge', host: location.hostname, level }).catch(() => undefined);
  };
  warning = mountWarning(document, warningContent(result, t), t, {
    leave: () => {
      // Back where the person came from, or an empty page if this tab opened here.
      if (history.length > 1) history.back();
      else location.replace('about:blank');
    },
    why: () => scrollToFirst(scanner.ranges),
    trust: acknowledge,
  });
}

function report(result: AnalyzeResult): void {
  sendPageResult(summarizeResult(result, location.hostname))
    .then((response) => {
      if (RANK[response.acknowledged] > RANK[acknowledged]) acknowledged = response.acknowledged;
      warn(result);
    })
    .catch((error: unknown) => {
      // The background may be restarting (extension update); the next change or load reports again.
      console.debug('Scam Sentinel: could not reach the background', error);
    });
}

let pending = new Set<Node>();
let overflow = false;
let scheduled = false;
let lastScan = performance.now();
let lastUrl = location.href;

function flush(): void {
  scheduled = false;
  lastScan = performance.now();
  const nodes = pending;
  pending = new Set();
  // A single-page app that moved to another URL shows another page: scan it whole.
  if (location.href !== lastUrl || overflow) {
    lastUrl = location.href;
    overflow = false;
    report(scanner.scanPage());
    return;
  }
  const result = scanner.scanAdded(nodes);
  if (result) report(result);
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const wait = Math.max(0, lastScan + MIN_INTERVAL_MS - performance.now());
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(flush, { timeout: 2000 });
    else flush();
  }, wait);
}

const observer = new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === 'characterData') pending.add(record.target);
    else for (const node of record.addedNodes) pending.add(node);
  }
  if (pending.size > MAX_PENDING) {
    overflow = true;
    pending.clear();
  }
  if (pending.size > 0 || overflow || location.href !== lastUrl) schedule();
});

report(scanner.scanPage());
observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
// Single-page apps change the URL through the History API: the Navigation API reports it where
// browsers have it (Chromium); back and forward fire popstate everywhere. flush() sees the new
// URL and scans the page whole.
(window as unknown as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', schedule);
window.addEventListener('popstate', schedule);
