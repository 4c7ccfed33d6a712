// The person's sensitivity setting (issue 5: relaxed, standard, strict) applied to a result the
// engine scored at the standard thresholds. The page scanner merges findings across chunks and
// scores them at 'standard'; rather than thread the setting through every scan, the content
// script re-scores the merged result here, with the engine's own scoring and thresholds
// (src/engine/score-findings.ts THRESHOLDS), so the two can never disagree about what a level
// means. 'standard' therefore gives exactly what the engine gives today.
import { scoreFindings } from '../engine/score-findings';
import type { AnalyzeResult, PageSignals, Sensitivity } from '../engine/types';

/**
 * The page signals a result counted, rebuilt from its signal findings. Enough to score again:
 * scoreFindings only asks whether each signal is present, and whether it counts at all depends
 * on the text scores, which do not depend on the sensitivity.
 */
function signalsOf(result: AnalyzeResult): PageSignals {
  const signals: PageSignals = {};
  for (const { signal } of result.signals) {
    if (signal === 'messengerLinks') signals.messengerLinks = ['(counted)'];
    else signals[signal] = true;
  }
  return signals;
}

/** The result as it reads at this sensitivity: level, top type and the about-fraud verdict. */
export function applySensitivity(result: AnalyzeResult, sensitivity: Sensitivity): AnalyzeResult {
  const score = scoreFindings(result.findings, signalsOf(result), sensitivity);
  return { ...score, findings: result.findings };
}
