// Passages (issue 9, part 2): a scam is a coherent passage, not a page-wide bag of words. A portal's
// lottery ad, its login box and an article that mentions 刷单 stand far apart on the page and
// must not add up to a warning; the cues of a scam pitch stand together. So cues are scored within
// windows of the text, every window that starts at a cue, and the page takes the strongest
// window's verdict. The title speaks for the whole page and counts in every window; page signals
// (forms, messenger links, APK downloads) add to a window that already points to a scam
// (score-findings.ts).
import { scoreFindings, signalsWeight, SubsetScorer, THRESHOLDS, verdictStrength, type Score, type Thresholds } from './score-findings';
import type { Finding, PageSignals, Sensitivity } from './types';

/** How far cues may stand apart, in normalised characters, and still be read as one passage. */
export const PASSAGE_CHARS = 1600;

export interface PassageEvents {
  /** Normalised positions, ascending, and the finding each belongs to. */
  pos: ArrayLike<number>;
  finding: ArrayLike<number>;
  n: number;
}

export interface Passage {
  score: Score;
  /** Indices into the findings of those that stand in the passage (title ones included). */
  present: number[];
  /** [from, to) in the normalised text; from = to = 0 when only the title counts. */
  from: number;
  to: number;
}

/** The most a window of this scam weight could reach: its best possible level, score and tie-break. */
function upperStrength(score: number, t: Thresholds): number {
  const level = score >= t.danger ? 2 : score >= t.caution ? 1 : 0;
  return level * 1e6 + score * 1e3 + 999;
}

/**
 * The strongest passage: for each cue in text order, the window of `width` characters that starts
 * there, scored by the engine's own thresholds. Words that report on or warn about fraud count
 * for a wider stretch (a window's width either side): a window must not escape the article it
 * stands in by starting just past the reporter's words. Windows whose findings are the same as
 * the previous one's are not scored again.
 */
export function bestPassage(
  findings: readonly Finding[],
  events: PassageEvents,
  inTitle: readonly number[],
  signals: PageSignals | undefined,
  sensitivity: Sensitivity,
  width = PASSAGE_CHARS,
): Passage {
  const nf = findings.length;
  // Per finding: whether it is context, and its weight (typed arrays: this loop runs per event).
  const isContext = new Uint8Array(nf);
  const weightOf = new Float64Array(nf);
  for (let k = 0; k < nf; k++) {
    isContext[k] = findings[k]!.type === 'context' ? 1 : 0;
    weightOf[k] = findings[k]!.weight;
  }
  // How often each finding stands in the current window (context: in its wider stretch).
  const count = new Int32Array(nf);
  for (const i of inTitle) count[i]! += 1;
  // The context events, in order, to count context around a window.
  let nc = 0;
  for (let k = 0; k < events.n; k++) if (isContext[events.finding[k]!]) nc++;
  const cPos = new Int32Array(nc);
  const cFinding = new Int32Array(nc);
  nc = 0;
  for (let k = 0; k < events.n; k++) {
    if (isContext[events.finding[k]!]) {
      cPos[nc] = events.pos[k]!;
      cFinding[nc++] = events.finding[k]!;
    }
  }
  const scorer = new SubsetScorer(findings, signals, sensitivity);
  const score = (present: number[]): Score => scoreFindings(present.map((i) => findings[i]!), signals, sensitivity);
  const titleScore = score([...inTitle]);
  // Level first, then the top type's score (nothing while it reads as about fraud), then all
  // weight present (at most 999).
  let bestStrength = verdictStrength(titleScore) + Math.min(inTitle.reduce((all, i) => all + findings[i]!.weight, 0), 999);
  let bestFrom = 0;
  let bestTo = 0;
  let bestCount: Int32Array | null = null;
  const { pos, finding, n } = events;
  let j = 0;
  let cLo = 0;
  let cHi = 0;
  let changed = false;
  // The weight of the scam findings present: no window can score more than it, so a window whose
  // weight cannot beat the best one found is not scored at all (most windows of most pages).
  const signalWeight = signalsWeight(signals);
  const t = THRESHOLDS[sensitivity];
  let weight = 0;
  for (const i of inTitle) if (!isContext[i]) weight += weightOf[i]!;
  for (let i = 0; i < n; i++) {
    const from = pos[i]!;
    while (j < n && pos[j]! < from + width) {
      const k = finding[j]!;
      if (!isContext[k] && count[k]!++ === 0) {
        changed = true;
        weight += weightOf[k]!;
      }
      j++;
    }
    while (cHi < nc && cPos[cHi]! < from + 2 * width) if (count[cFinding[cHi++]!]!++ === 0) changed = true;
    while (cLo < cHi && cPos[cLo]! < from - width) if (--count[cFinding[cLo++]!]! === 0) changed = true;
    // A window's strength is at most its level's part + (weight + signals) · 10^3 + 999: when that
    // cannot beat the best found, the window is not scored.
    if (changed && bestStrength >= upperStrength(weight + signalWeight, t)) changed = false;
    if (changed) {
      changed = false;
      let all = 0;
      for (let k = 0; k < nf; k++) if (count[k]! > 0) all += weightOf[k]!;
      const st = scorer.strength(count) + Math.min(all, 999);
      if (st > bestStrength) {
        bestStrength = st;
        bestFrom = from;
        bestTo = pos[j - 1]!;
        if (bestCount === null) bestCount = new Int32Array(nf);
        bestCount.set(count);
      }
    }
    // The window moves past this cue.
    const k = finding[i]!;
    if (!isContext[k] && --count[k]! === 0) {
      changed = true;
      weight -= weightOf[k]!;
    }
  }
  if (bestCount === null) return { score: titleScore, present: [...inTitle], from: 0, to: 0 };
  // The Score of the winning window, built once.
  const present: number[] = [];
  for (let k = 0; k < nf; k++) if (bestCount[k]! > 0) present.push(k);
  return { score: score(present), present, from: bestFrom, to: bestTo };
}
