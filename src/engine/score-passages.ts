// Passages (issue 9, part 2): a scam is a coherent passage, not a page-wide bag of words. A portal's
// lottery ad, its login box and an article that mentions 刷单 stand far apart on the page and
// must not add up to a warning; the cues of a scam pitch stand together. So cues are scored within
// windows of the text, every window that starts at a cue, and the page takes the strongest
// window's verdict. The title speaks for the whole page and counts in every window; page signals
// (forms, messenger links, APK downloads) add to a window that already points to a scam
// (score-findings.ts).
import { scoreFindings, signalsWeight, THRESHOLDS, verdictStrength, type Score, type Thresholds } from './score-findings';
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

/** Level first, then the top type's score (nothing while it reads as about fraud), then all weight present. */
function strength(s: Score, present: readonly number[], findings: readonly Finding[]): number {
  let all = 0;
  for (const i of present) all += findings[i]!.weight;
  return verdictStrength(s) + Math.min(all, 999);
}

/** The most a window of this scam weight could reach: its best possible level, score and tie-break. */
function upperStrength(score: number, t: Thresholds): number {
  const level = score >= t.danger ? 2 : score >= t.caution ? 1 : 0;
  return level * 1e6 + score * 1e3 + 999;
}

/** Sorted positions of context events and their findings, to count context around a window. */
function contextAround(events: PassageEvents, findings: readonly Finding[]): { pos: number[]; finding: number[] } {
  const pos: number[] = [];
  const finding: number[] = [];
  for (let k = 0; k < events.n; k++) {
    if (findings[events.finding[k]!]!.type === 'context') {
      pos.push(events.pos[k]!);
      finding.push(events.finding[k]!);
    }
  }
  return { pos, finding };
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
  // How often each finding stands in the current window (context: in its wider stretch).
  const count = new Int32Array(findings.length);
  for (const i of inTitle) count[i]! += 1;
  const context = contextAround(events, findings);
  const score = (present: number[]): Score => scoreFindings(present.map((i) => findings[i]!), signals, sensitivity);
  let best: Passage = { score: score([...inTitle]), present: [...inTitle], from: 0, to: 0 };
  let bestStrength = strength(best.score, best.present, findings);
  const { pos, finding, n } = events;
  const isContext = (k: number): boolean => findings[k]!.type === 'context';
  let j = 0;
  let cLo = 0;
  let cHi = 0;
  let changed = false;
  // The weight of the scam findings present: no window can score more than it, so a window whose
  // weight cannot beat the best one found is not scored at all (most windows of most pages).
  const signalWeight = signalsWeight(signals);
  const t = THRESHOLDS[sensitivity];
  let weight = 0;
  for (const i of inTitle) if (!isContext(i)) weight += findings[i]!.weight;
  const enter = (k: number): void => {
    if (count[k]!++ === 0) {
      changed = true;
      if (!isContext(k)) weight += findings[k]!.weight;
    }
  };
  const leave = (k: number): void => {
    if (--count[k]! === 0) {
      changed = true;
      if (!isContext(k)) weight -= findings[k]!.weight;
    }
  };
  for (let i = 0; i < n; i++) {
    const from = pos[i]!;
    while (j < n && pos[j]! < from + width) {
      if (!isContext(finding[j]!)) enter(finding[j]!);
      j++;
    }
    while (cHi < context.pos.length && context.pos[cHi]! < from + 2 * width) enter(context.finding[cHi++]!);
    while (cLo < cHi && context.pos[cLo]! < from - width) leave(context.finding[cLo++]!);
    // A window's strength is at most its level's part + (weight + signals) · 10^3 + 999: when that
    // cannot beat the best found, the window is not scored.
    if (changed && bestStrength >= upperStrength(weight + signalWeight, t)) changed = false;
    if (changed) {
      changed = false;
      const present: number[] = [];
      for (let k = 0; k < count.length; k++) if (count[k]! > 0) present.push(k);
      const s = score(present);
      const st = strength(s, present, findings);
      if (st > bestStrength) {
        bestStrength = st;
        best = { score: s, present, from, to: pos[j - 1]! };
      }
    }
    // The window moves past this cue.
    if (!isContext(finding[i]!)) leave(finding[i]!);
  }
  return best;
}
