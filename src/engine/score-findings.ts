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
  // Where a crypto scam asks to be paid (FBI IC3 on investment fraud: deposits are sent to an
  // address the scammer controls); donation and exchange pages show addresses too, so only with
  // a text that already points to a scam.
  walletAddress: 2,
};
const SIGNAL_MIN_TEXT_SCORE = 2;
/**
 * A crypto address counts only beside a text that already reaches a caution's score: news about an
 * extortion scheme or a malware campaign quotes the criminals' address beside one scam word.
 */
const SIGNAL_MIN_SCORE: Partial<Record<keyof PageSignals, number>> = { walletAddress: 4 };
const minScoreOf = (key: keyof PageSignals): number => SIGNAL_MIN_SCORE[key] ?? SIGNAL_MIN_TEXT_SCORE;

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

/**
 * A plans table whose return no investment pays (claim-cues.ts: claim-return-extreme) is the
 * high-yield investment programme itself (SEC investor alert on HYIPs): at the danger score it
 * needs no third kind of cue.
 */
const PLANS_CUE = 'plans';
const RETURNS_CUE = 'returns';
const EXTREME_RETURN_WEIGHT = 5;

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
    const base = scores[top0];
    for (const key of Object.keys(SIGNAL_WEIGHTS) as (keyof PageSignals)[]) {
      const v = signals[key];
      if ((v === true || (Array.isArray(v) && v.length > 0)) && base >= minScoreOf(key)) {
        signalFindings.push({ signal: key, weight: SIGNAL_WEIGHTS[key] });
        scores[top0] += SIGNAL_WEIGHTS[key];
        cues[top0].add(`signal:${key}`);
      }
    }
  }

  const levelOf = (type: ScamType): Level => {
    const s = scores[type];
    const n = cues[type].size;
    if (s >= t.danger && (n >= t.dangerCues || (cues[type].has(PLANS_CUE) && (best.get(`${type}\u0000${RETURNS_CUE}`) ?? 0) >= EXTREME_RETURN_WEIGHT))) return 'danger';
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

/**
 * verdictStrength(scoreFindings(subset)) for many subsets of one list of findings, without
 * building a Score: passage scoring asks it of every window (score-passages.ts). The same sums in
 * the same order as scoreFindings, over numbers instead of maps and sets; the Score itself is
 * built (by scoreFindings) only for the window that wins.
 */
export class SubsetScorer {
  /** Per finding: the index of its type in SCAM_TYPES, or -1 for context. */
  private readonly typeOf: Int8Array;
  private readonly weight: Float64Array;
  /** Per finding: the id of its (type, cue) pair, and of its cue's name. */
  private readonly keyOf: Int32Array;
  private readonly cueOf: Int32Array;
  /** The cue names of the page's signals ("signal:…"), as ids, and their weights. */
  private readonly signalCues: Int32Array;
  private readonly signalWeights: Float64Array;
  private readonly signalMins: Float64Array;
  private readonly t: Thresholds;
  // Scratch, per call: the best weight per (type, cue) pair, and the call in which each pair and
  // each cue name per type was last seen (a stamp instead of clearing).
  private readonly best: Float64Array;
  private readonly keySeen: Int32Array;
  private readonly cueSeen: Int32Array;
  private stamp = 0;
  private readonly scores = new Float64Array(3);
  private readonly cueCount = new Int32Array(3);
  /** The id of the cue name "plans" (-1 if no finding has it), and per type the key of (type, "returns"). */
  private readonly plansCue: number;
  private readonly returnsKey = new Int32Array(3).fill(-1);

  constructor(findings: readonly Finding[], signals: PageSignals | undefined, sensitivity: Sensitivity) {
    const n = findings.length;
    this.typeOf = new Int8Array(n);
    this.weight = new Float64Array(n);
    this.keyOf = new Int32Array(n);
    this.cueOf = new Int32Array(n);
    const keys = new Map<string, number>();
    const cueNames = new Map<string, number>();
    const cueId = (name: string): number => {
      let id = cueNames.get(name);
      if (id === undefined) cueNames.set(name, (id = cueNames.size));
      return id;
    };
    for (let i = 0; i < n; i++) {
      const f = findings[i]!;
      this.weight[i] = f.weight;
      if (f.type === 'context') { this.typeOf[i] = -1; continue; }
      this.typeOf[i] = SCAM_TYPES.indexOf(f.type);
      const key = `${f.type}\u0000${f.cue}`;
      let k = keys.get(key);
      if (k === undefined) keys.set(key, (k = keys.size));
      this.keyOf[i] = k;
      this.cueOf[i] = cueId(f.cue);
    }
    const signalCues: number[] = [];
    const signalWeights: number[] = [];
    const signalMins: number[] = [];
    if (signals) {
      for (const key of Object.keys(SIGNAL_WEIGHTS) as (keyof PageSignals)[]) {
        const v = signals[key];
        if (v === true || (Array.isArray(v) && v.length > 0)) {
          signalCues.push(cueId(`signal:${key}`));
          signalWeights.push(SIGNAL_WEIGHTS[key]);
          signalMins.push(minScoreOf(key));
        }
      }
    }
    this.signalCues = Int32Array.from(signalCues);
    this.signalWeights = Float64Array.from(signalWeights);
    this.signalMins = Float64Array.from(signalMins);
    this.t = THRESHOLDS[sensitivity];
    this.plansCue = cueNames.get(PLANS_CUE) ?? -1;
    SCAM_TYPES.forEach((type, i) => (this.returnsKey[i] = keys.get(`${type}\u0000${RETURNS_CUE}`) ?? -1));
    this.best = new Float64Array(keys.size);
    this.keySeen = new Int32Array(keys.size);
    // Cue names are counted per type: one row of stamps per type.
    this.cueSeen = new Int32Array(cueNames.size * 3);
  }

  /** The leading type by score (scoreFindings' leader()), or -1. */
  private leader(): number {
    const scores = this.scores;
    let top = -1;
    for (let type = 0; type < 3; type++) if (scores[type]! > 0 && (top < 0 || scores[type]! > scores[top]!)) top = type;
    return top;
  }

  /** Adds cue name `cue` to type `type`'s cues, counting it if new. */
  private addCue(type: number, cue: number): void {
    const at = cue * 3 + type;
    if (this.cueSeen[at] !== this.stamp) {
      this.cueSeen[at] = this.stamp;
      this.cueCount[type]!++;
    }
  }

  /** Whether type `type` has a plans cue and an extreme return (scoreFindings' exception to dangerCues). */
  private plansWithExtremeReturn(type: number, stamp: number): boolean {
    const k = this.returnsKey[type]!;
    return this.plansCue >= 0 && this.cueSeen[this.plansCue * 3 + type] === stamp && k >= 0 && this.keySeen[k] === stamp && this.best[k]! >= EXTREME_RETURN_WEIGHT;
  }

  /** verdictStrength(scoreFindings(the findings i with count[i] > 0, in order)). */
  strength(count: Int32Array): number {
    const stamp = ++this.stamp;
    const { typeOf, weight, keyOf, cueOf, best, keySeen, scores, cueCount, t } = this;
    scores.fill(0);
    cueCount.fill(0);
    let context = 0;
    const n = typeOf.length;
    for (let i = 0; i < n; i++) {
      if (count[i]! <= 0) continue;
      const type = typeOf[i]!;
      const w = weight[i]!;
      if (type < 0) { context += w; continue; }
      const k = keyOf[i]!;
      const known = keySeen[k] === stamp ? best[k]! : 0;
      if (w > known) {
        scores[type]! += w - known;
        best[k] = w;
        keySeen[k] = stamp;
      }
      this.addCue(type, cueOf[i]!);
    }
    // Romance (1) takes in investment (0): its score and its cue names.
    if (scores[1]! >= ROMANCE_OWN_MIN) {
      scores[1]! += scores[0]!;
      const cueSeen = this.cueSeen;
      for (let c = 0; c * 3 < cueSeen.length; c++) if (cueSeen[c * 3] === stamp) this.addCue(1, c);
    }
    const top0 = this.leader();
    if (this.signalCues.length > 0 && top0 >= 0 && scores[top0]! >= SIGNAL_MIN_TEXT_SCORE) {
      const base = scores[top0]!;
      for (let j = 0; j < this.signalCues.length; j++) {
        if (base < this.signalMins[j]!) continue;
        scores[top0]! += this.signalWeights[j]!;
        this.addCue(top0, this.signalCues[j]!);
      }
    }
    let level = 0;
    let topType = -1;
    for (let type = 0; type < 3; type++) {
      const s = scores[type]!;
      const c = cueCount[type]!;
      const l = s >= t.danger && (c >= t.dangerCues || this.plansWithExtremeReturn(type, stamp)) ? 2 : (s >= t.caution && c >= 2) || s >= t.cautionAlone ? 1 : 0;
      if (l > level || (l === level && l !== 0 && topType >= 0 && s > scores[topType]!)) {
        level = l;
        topType = type;
      }
    }
    if (topType < 0) topType = this.leader();
    const aboutFraud = context >= t.aboutFraud;
    if (aboutFraud) level = 0;
    return level * 1e6 + (topType >= 0 && !aboutFraud ? scores[topType]! : 0) * 1e3;
  }
}
