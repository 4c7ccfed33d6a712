// Turns fired rules into a level. A single cue rarely makes a scam; combinations of different
// parts of the script do (issue 2): a promise of returns + a "teacher" group + a fee to withdraw;
// a high salary + overseas + flights and lodging paid + no experience needed. Pages that report on
// or warn about fraud name every trick, so context cues (reporting, police advice) silence them.
import type { Finding, Level, PageSignals, ScamType, Sensitivity, SignalFinding } from './types';
import { levelRank, SCAM_TYPES } from './types';

export interface Thresholds {
  /** caution: score ≥ caution with ≥ 2 distinct cues, or score ≥ cautionAlone. */
  caution: number;
  cautionAlone: number;
  /** danger: score ≥ danger with ≥ dangerCues distinct cues. */
  danger: number;
  dangerCues: number;
  /** A context score at or above this marks the page as being about fraud. */
  aboutFraud: number;
}

export const THRESHOLDS: Record<Sensitivity, Thresholds> = {
  relaxed: { caution: 5, cautionAlone: 6, danger: 11, dangerCues: 3, aboutFraud: 3 },
  standard: { caution: 4, cautionAlone: 5, danger: 9, dangerCues: 3, aboutFraud: 4 },
  strict: { caution: 3, cautionAlone: 4, danger: 7, dangerCues: 3, aboutFraud: 5 },
};

/** Page signals add weight to a type that the text already points at; alone they never warn. */
const SIGNAL_WEIGHTS: Record<keyof PageSignals, number> = {
  bankCardForm: 1,
  idNumberForm: 1,
  verificationCodeForm: 1,
  messengerLinks: 1,
  apkDownload: 2,
};
const SIGNAL_MIN_TEXT_SCORE = 2;

/** The most the page's signals can add to a type's score. */
export function signalsWeight(signals: PageSignals | undefined): number {
  if (!signals) return 0;
  let sum = 0;
  for (const key of Object.keys(SIGNAL_WEIGHTS) as (keyof PageSignals)[]) {
    const v = signals[key];
    if (v === true || (Array.isArray(v) && v.length > 0)) sum += SIGNAL_WEIGHTS[key];
  }
  return sum;
}
/** Romance cues needed before an investment pitch beside them counts as romance. */
const ROMANCE_OWN_MIN = 3;

export interface Score {
  level: Level;
  scores: Record<ScamType, number>;
  topType: ScamType | null;
  signals: SignalFinding[];
  aboutFraud: boolean;
}

export function scoreFindings(findings: Finding[], signals: PageSignals | undefined, sensitivity: Sensitivity): Score {
  const t = THRESHOLDS[sensitivity];
  const scores: Record<ScamType, number> = { investment: 0, romance: 0, recruitment: 0 };
  const cues: Record<ScamType, Set<string>> = { investment: new Set(), romance: new Set(), recruitment: new Set() };
  let context = 0;
  // One cue counts once, at its strongest: a rate read as a claim and the same rate matched by a
  // phrase rule are one piece of evidence, not two.
  const best = new Map<string, number>();
  for (const f of findings) {
    if (f.type === 'context') { context += f.weight; continue; }
    const key = `${f.type}\u0000${f.cue}`;
    const known = best.get(key) ?? 0;
    if (f.weight > known) {
      scores[f.type] += f.weight - known;
      best.set(key, f.weight);
    }
    cues[f.type].add(f.cue);
  }
  // "Pig butchering" is a romance that ends on an investment platform (seed 002: Yang Jing). The
  // romance must be there in its own right: a pet name in an investment pitch or a job ad does not
  // make it a romance scam, and the type shown is the one whose mechanics are present.
  if (scores.romance >= ROMANCE_OWN_MIN) {
    scores.romance += scores.investment;
    for (const c of cues.investment) cues.romance.add(c);
  }

  const leader = (): ScamType | null => {
    let top: ScamType | null = null;
    for (const type of SCAM_TYPES) if (scores[type] > 0 && (top === null || scores[type] > scores[top])) top = type;
    return top;
  };

  const signalFindings: SignalFinding[] = [];
  const top0 = leader();
  if (signals && top0 && scores[top0] >= SIGNAL_MIN_TEXT_SCORE) {
    for (const key of Object.keys(SIGNAL_WEIGHTS) as (keyof PageSignals)[]) {
      const v = signals[key];
      if (v === true || (Array.isArray(v) && v.length > 0)) {
        signalFindings.push({ signal: key, weight: SIGNAL_WEIGHTS[key] });
        scores[top0] += SIGNAL_WEIGHTS[key];
        cues[top0].add(`signal:${key}`);
      }
    }
  }

  const levelOf = (type: ScamType): Level => {
    const s = scores[type];
    const n = cues[type].size;
    if (s >= t.danger && n >= t.dangerCues) return 'danger';
    if ((s >= t.caution && n >= 2) || s >= t.cautionAlone) return 'caution';
    return 'none';
  };

  const aboutFraud = context >= t.aboutFraud;
  let level: Level = 'none';
  let topType: ScamType | null = null;
  for (const type of SCAM_TYPES) {
    const l = levelOf(type);
    if (levelRank(l) > levelRank(level) || (l === level && l !== 'none' && topType !== null && scores[type] > scores[topType])) {
      level = l;
      topType = type;
    }
  }
  if (topType === null) topType = leader();
  if (aboutFraud) level = 'none';
  return { level, scores, topType, signals: signalFindings, aboutFraud };
}

/**
 * How strong a verdict is, to pick the strongest of several (passages of one text, scans of one
 * page): the level first, then the top type's score, which counts for nothing while the text
 * reads as about fraud.
 */
export function verdictStrength(s: Pick<Score, 'level' | 'scores' | 'topType' | 'aboutFraud'>): number {
  return levelRank(s.level) * 1e6 + (s.topType && !s.aboutFraud ? s.scores[s.topType] : 0) * 1e3;
}
