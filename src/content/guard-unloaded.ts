// When the guard's module cannot be loaded (load-guard-module.ts: an extension update removed the
// file under the page, or Firefox refuses web-accessible files to a page in an opaque origin, a
// `sandbox` CSP), the page must still be warned, and nothing a page script does can stop what
// follows. Its visible text (innerText: the browser's own reading of what is rendered) is scored by
// the background at the standard sensitivity, the result reported, and a page found to be a scam,
// or on a listed site, gets the background's full-tab warning (src/ui/blocked), which decides with
// the person's settings (a trusted or acknowledged site stays) as the page itself would have.
import { MAX_ANALYZE_TEXT, MAX_ANALYZE_TITLE } from '../shared/messages';
import type { ContentBrowser } from './guard-page';
import { askBackground } from './ask-to-score';
import { ruleExplanation } from './rule-explanation';
import { sendToBackground } from './send-to-background';
import { summarizeResult } from './summarize-result';

export async function guardUnloaded(api: ContentBrowser, doc: Document): Promise<void> {
  const send = api.runtime.sendMessage;
  const text = (doc.body?.innerText ?? '').slice(0, MAX_ANALYZE_TEXT);
  const reply = await askBackground(send, { kind: 'cs-bg-analyze', text, title: doc.title.slice(0, MAX_ANALYZE_TITLE), context: { sensitivity: 'standard', signals: {} } });
  if (reply.verdict !== 'result') return;
  // Each finding carries its explanation in the person's language, as the guard's report does (the full-tab warning shows them).
  const site = await sendToBackground(
    send,
    summarizeResult(reply.result, {
      t: (name, substitutions) => api.i18n.getMessage(name, substitutions),
      explainRule: (ruleId) => ruleExplanation(reply.explanations[ruleId], api.i18n.getUILanguage()),
    }),
  );
  if (reply.result.level === 'none' && site.listed === null) return;
  await sendToBackground(send, { kind: 'cs-bg-escalate', why: 'unshown' });
}
