// The background's answer to a chunk of page text (issue 11: the prefilter and the engine run here,
// off the page's main thread, with the rules held in memory). The same two stages the content
// script ran before: a chunk sent without its context is only checked by the prefilter ('clear',
// or 'reason': send it again with the sensitivity and the page's signals); a chunk with its
// context is read by analyze() exactly as the content script read it, so the same text gives the
// same result wherever it is scored. Pure: the rules are passed in, so the unit tests (and the
// content script's tests, as their fake background) run it in Node.
import { analyze, type CompiledRules, type LocalizedText, type TextModel } from '../engine';
import type { Prefilter } from '../engine/prefilter';
import { cleanSignals, RAW_TEXT_SEPARATOR, type AnalyzeReply, type AnalyzeTextMessage } from '../shared/messages';

/** The rules in force in their two stages: the prefilter now, the full rules when a page gives a reason. */
export interface RulesForPages {
  prefilter: Prefilter;
  full(): Promise<CompiledRules>;
  /** The learned second opinion (src/engine/text-model.ts), or null when it cannot be had: the rules still score. */
  model?(): Promise<TextModel | null>;
}

/** Each rule set's explanations by rule id, built once per set. */
const explanationsOf = new WeakMap<CompiledRules, Map<string, LocalizedText>>();

function explanations(compiled: CompiledRules): Map<string, LocalizedText> {
  let map = explanationsOf.get(compiled);
  if (map === undefined) {
    map = new Map(compiled.rules.map((r) => [r.id, r.explanation]));
    explanationsOf.set(compiled, map);
  }
  return map;
}

/**
 * Whether the prefilter finds a reason in the message's text. The first stage's raw text is read
 * both ways (messages.ts RAW_TEXT_SEPARATOR): its text nodes joined with nothing, so that a phrase
 * markup splits ("<b>dai</b>ly") is whole, and with line breaks, so that blocks stay apart.
 */
function mayFlagText(prefilter: Prefilter, message: AnalyzeTextMessage): boolean {
  if (message.firstStage === undefined) return prefilter.mayFlag(message.text);
  return prefilter.mayFlag(message.text.replaceAll(RAW_TEXT_SEPARATOR, '')) || prefilter.mayFlag(message.text.replaceAll(RAW_TEXT_SEPARATOR, '\n'));
}

export async function answerAnalyze(message: AnalyzeTextMessage, rules: RulesForPages): Promise<AnalyzeReply> {
  const context = message.context;
  if (context === undefined) {
    if (!rules.prefilter.mayFlag(message.title) && !mayFlagText(rules.prefilter, message)) return { verdict: 'clear' };
    // The page will ask again with its context: the full rules start loading now, while it reads
    // its settings and signals (a worker that just woke holds only the prefilter).
    rules.full().catch(() => undefined);
    rules.model?.().catch(() => undefined);
    return { verdict: 'reason' };
  }
  const [compiled, model] = await Promise.all([rules.full(), rules.model ? rules.model().catch(() => null) : null]);
  const result = analyze({ text: message.text, title: message.title, signals: cleanSignals(context.signals) }, compiled, { sensitivity: context.sensitivity, model });
  const known = explanations(compiled);
  const fired: Record<string, LocalizedText> = {};
  for (const finding of result.findings) {
    const text = known.get(finding.ruleId);
    if (text !== undefined) fired[finding.ruleId] = text;
  }
  return { verdict: 'result', result, explanations: fired };
}

/**
 * Made-up text with the cues and claims of both languages, never a page's: what the worker reads
 * once, when it expects pages (warmUpAnalyzer), so that the first page's chunk is not the first
 * text its code ever runs on.
 */
const WARM_UP_TEXT =
  'Guaranteed 3% daily return on your USDT deposit; pay a small fee before you withdraw. Join the teacher\'s WhatsApp group. ' +
  '高薪招聘海外客服，包吃包住，日赚500元，每日收益3%，稳赚不赔，先交保证金才能提现。';

/** The prefilter's index built and its code run once (issue 11, "warn fast": the first page after install or browser start). */
export function warmUpPrefilter(rules: RulesForPages): void {
  rules.prefilter.prepare();
  rules.prefilter.mayFlag(WARM_UP_TEXT);
}

/**
 * The full rules and the model read, and analyze() run once on made-up text: the first page's
 * chunk then finds them in memory and the engine's code compiled (cold, its first analysis took
 * 30–50 ms more on the bench's first page). The result is dropped.
 */
export async function warmUpAnalyzer(rules: RulesForPages, pause: () => Promise<void>): Promise<void> {
  const [compiled, model] = await Promise.all([rules.full(), rules.model ? rules.model().catch(() => null) : null]);
  await pause();
  analyze({ text: WARM_UP_TEXT, title: '', signals: {} }, compiled, { sensitivity: 'standard', model });
}
