// Checks on a built manifest that the browsers would not report: content code must not be
// web-accessible (a page could fetch chrome-extension://<id>/<file> to detect the extension
// or read its rules), and each browser gets the background form it supports. Pure.
//
// The one exception is the guard's module (load-guard-module.ts), which a content script can
// import() only if it is web-accessible (issue 11): it alone, for http(s) pages only, and on
// Chrome only at the per-session address (`use_dynamic_url`), so that no page can fetch it at the
// fixed extension id to learn the extension is installed. It holds no rules.
import { GUARD_MODULE_FILE } from '../../src/content/load-guard-module';
import type { BrowserTarget } from './derive-manifest';

const PAGE_MATCHES = ['http://*/*', 'https://*/*'];

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Problems found; empty when the manifest is fine. */
export function checkBuiltManifest(manifest: unknown, target: BrowserTarget): string[] {
  const problems: string[] = [];
  const m = asRecord(manifest);
  if (m === null) return ['manifest is not a JSON object'];
  if (m.manifest_version !== 3) problems.push('manifest_version is not 3');

  const contentFiles = new Set<string>();
  const contentScripts = Array.isArray(m.content_scripts) ? m.content_scripts : [];
  for (const entry of contentScripts) {
    const js = strings(asRecord(entry)?.js);
    if (js.length === 0) problems.push('a content_scripts entry has no js');
    for (const file of js) {
      contentFiles.add(file);
      if (!file.endsWith('.js')) problems.push(`content script ${file} is not built JavaScript`);
    }
  }
  if (contentFiles.size === 0) problems.push('no content scripts');

  for (const raw of Array.isArray(m.web_accessible_resources) ? m.web_accessible_resources : []) {
    const entry = asRecord(raw) ?? {};
    for (const resource of strings(entry.resources)) {
      if (resource === GUARD_MODULE_FILE) {
        const matches = strings(entry.matches);
        if ('extension_ids' in entry || matches.length !== PAGE_MATCHES.length || !PAGE_MATCHES.every((p) => matches.includes(p))) {
          problems.push(`web_accessible_resources: ${resource} must be for http(s) pages only`);
        }
        if (target === 'chrome' && entry.use_dynamic_url !== true) problems.push(`chrome: web_accessible_resources: ${resource} needs use_dynamic_url`);
        continue;
      }
      // Any other script, or a wildcard that would match one, exposes extension code.
      if (resource.endsWith('.js') || resource.endsWith('.mjs') || resource.includes('*') || contentFiles.has(resource)) {
        problems.push(`web_accessible_resources exposes ${resource}`);
      }
    }
  }

  const background = asRecord(m.background);
  if (background === null) {
    problems.push('no background');
  } else if (target === 'chrome') {
    if (typeof background.service_worker !== 'string') problems.push('chrome: background.service_worker missing');
    if ('scripts' in background) problems.push('chrome: background.scripts is not supported in MV3');
    if ('browser_specific_settings' in m) problems.push('chrome: browser_specific_settings should be stripped');
    // Policies name the extension by its id (docs/family-kit/): without the key it changes per install.
    if (typeof m.key !== 'string' || m.key === '') problems.push('chrome: key missing (the fixed extension id)');
    if (typeof asRecord(m.storage)?.managed_schema !== 'string') problems.push('chrome: storage.managed_schema missing');
  } else {
    if (strings(background.scripts).length === 0) problems.push('firefox: background.scripts missing');
    if ('service_worker' in background) problems.push('firefox: background.service_worker is not supported');
    const gecko = asRecord(asRecord(m.browser_specific_settings)?.gecko);
    if (typeof gecko?.id !== 'string') problems.push('firefox: browser_specific_settings.gecko.id missing');
    if (typeof gecko?.strict_min_version !== 'string') {
      problems.push('firefox: browser_specific_settings.gecko.strict_min_version missing');
    }
    if ('key' in m) problems.push('firefox: key should be stripped');
    if ('storage' in m) problems.push('firefox: storage should be stripped');
  }
  return problems;
}
