// Counting for `npm run eval`: per (source, lang, label, category, in_scope) how many items there
// are, how many reach at least caution and how many reach danger; then the floors: raw-label
// in-scope recall at ≥ caution per language and category (issue 2: ≥ 90 % for investment,
// recruitment and crypto scams, ≥ 80 % for romance), recall on the careful `in_scope` verdicts
// (issue 9: ≥ 95 %, romance ≥ 85 %), notices flagged ≤ 5 %, every benign source at most 1 % at
// caution and 0.2 % at danger, and the five seed articles never flagged.
import type { Level } from '../../src/engine/types';

export interface EvalGroup extends LevelCounts {
  source: string;
  lang: string;
  label: string;
  category: string;
  in_scope: boolean;
}

/** How many items a group holds, and how many of them reached caution (or more) and danger. */
export interface LevelCounts {
  n: number;
  caution: number;
  danger: number;
}

/** The group under `key`, made by `make` the first time, with one more item at `level`. */
export function countLevel<G extends LevelCounts>(byKey: Map<string, G>, key: string, make: () => G, level: Level): void {
  let g = byKey.get(key);
  if (!g) {
    g = make();
    byKey.set(key, g);
  }
  g.n++;
  if (level !== 'none') g.caution++;
  if (level === 'danger') g.danger++;
}

export interface GroupKey {
  source: string;
  lang: string;
  label: string;
  category: string;
  in_scope: boolean;
}

/** Issue 9: every benign source at most 1 % at caution and 0.2 % at danger. */
export const BENIGN_CAUTION_MAX = 0.01;
export const BENIGN_DANGER_MAX = 0.002;
/** Issue 9: notices that describe or warn about a scam, flagged at most 5 %. */
export const NOTICE_FLAGGED_MAX = 0.05;
/** Source name of the five seed articles inside the corpus. */
export const SEED_SOURCE = 'seed-news';

/** The recall floor on the careful `in_scope` verdicts (issue 9): 95 %, romance 85 %. */
export function verdictRecallTarget(category: string): number {
  return category.toLowerCase().includes('romance') ? 0.85 : 0.95;
}

/** The recall floor for an in-scope category on the raw labels, or null if issue 2 sets none. */
export function recallTarget(category: string): number | null {
  const c = category.toLowerCase();
  if (c.includes('romance')) return 0.8;
  if (c.includes('invest') || c.includes('recruit') || c.includes('crypto')) return 0.9;
  return null;
}

export class EvalAggregator {
  private readonly byKey = new Map<string, EvalGroup>();

  add(item: GroupKey, level: Level): void {
    const key = JSON.stringify([item.source, item.lang, item.label, item.category, item.in_scope]);
    countLevel(this.byKey, key, () => ({ source: item.source, lang: item.lang, label: item.label, category: item.category, in_scope: item.in_scope, n: 0, caution: 0, danger: 0 }), level);
  }

  /** Groups in a stable order: in-scope first, then scams, then by source, language, category. */
  groups(): EvalGroup[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        Number(b.in_scope) - Number(a.in_scope) ||
        a.label.localeCompare(b.label) ||
        a.source.localeCompare(b.source) ||
        a.lang.localeCompare(b.lang) ||
        a.category.localeCompare(b.category),
    );
  }
}

export interface RecallRow {
  lang: string;
  category: string;
  n: number;
  caught: number;
  recall: number;
  target: number | null;
  pass: boolean | null;
}

export interface BenignRow {
  source: string;
  n: number;
  caution: number;
  danger: number;
  cautionRate: number;
  dangerRate: number;
  pass: boolean;
}

export interface EvalSummary {
  inScope: { n: number; caught: number; recall: number };
  recall: RecallRow[];
  benign: BenignRow[];
  benignOverall: { n: number; caution: number; danger: number; cautionRate: number; dangerRate: number };
  /** The seed articles (source "seed-news"), which must never be flagged; null if absent. */
  seeds: { n: number; flagged: number; pass: boolean } | null;
  allTargetsMet: boolean;
}

const rate = (k: number, n: number): number => (n === 0 ? 0 : k / n);

export function summarizeEval(groups: EvalGroup[]): EvalSummary {
  const recallMap = new Map<string, RecallRow>();
  const benignMap = new Map<string, BenignRow>();
  let inN = 0;
  let inCaught = 0;
  let seeds: EvalSummary['seeds'] = null;
  for (const g of groups) {
    if (g.in_scope) {
      inN += g.n;
      inCaught += g.caution;
      const key = `${g.lang}\u0000${g.category}`;
      let r = recallMap.get(key);
      if (!r) {
        const target = recallTarget(g.category);
        r = { lang: g.lang, category: g.category, n: 0, caught: 0, recall: 0, target, pass: null };
        recallMap.set(key, r);
      }
      r.n += g.n;
      r.caught += g.caution;
    }
    if (g.label === 'benign') {
      let b = benignMap.get(g.source);
      if (!b) {
        b = { source: g.source, n: 0, caution: 0, danger: 0, cautionRate: 0, dangerRate: 0, pass: true };
        benignMap.set(g.source, b);
      }
      b.n += g.n;
      b.caution += g.caution;
      b.danger += g.danger;
      if (g.source === SEED_SOURCE) {
        seeds ??= { n: 0, flagged: 0, pass: true };
        seeds.n += g.n;
        seeds.flagged += g.caution;
        seeds.pass = seeds.flagged === 0;
      }
    }
  }
  const recall = [...recallMap.values()]
    .map((r) => {
      const value = rate(r.caught, r.n);
      return { ...r, recall: value, pass: r.target === null ? null : value >= r.target };
    })
    .sort((a, b) => a.category.localeCompare(b.category) || a.lang.localeCompare(b.lang));
  const benign = [...benignMap.values()]
    .map((b) => {
      const cautionRate = rate(b.caution, b.n);
      const dangerRate = rate(b.danger, b.n);
      return { ...b, cautionRate, dangerRate, pass: cautionRate <= BENIGN_CAUTION_MAX && dangerRate <= BENIGN_DANGER_MAX };
    })
    .sort((a, b) => a.source.localeCompare(b.source));
  const bn = benign.reduce((s, b) => s + b.n, 0);
  const bc = benign.reduce((s, b) => s + b.caution, 0);
  const bd = benign.reduce((s, b) => s + b.danger, 0);
  const allTargetsMet =
    recall.every((r) => r.pass !== false) && benign.every((b) => b.pass) && (seeds === null || seeds.pass);
  return {
    inScope: { n: inN, caught: inCaught, recall: rate(inCaught, inN) },
    recall,
    benign,
    benignOverall: { n: bn, caution: bc, danger: bd, cautionRate: rate(bc, bn), dangerRate: rate(bd, bn) },
    seeds,
    allTargetsMet,
  };
}

/** Counts per (language, category, verdict) of the items a relabel file gives a verdict. */
export interface VerdictGroup extends LevelCounts {
  lang: string;
  category: string;
  verdict: string;
}

export class VerdictAggregator {
  private readonly byKey = new Map<string, VerdictGroup>();

  add(item: { lang: string; category: string }, verdict: string, level: Level): void {
    const key = JSON.stringify([item.lang, item.category, verdict]);
    countLevel(this.byKey, key, () => ({ lang: item.lang, category: item.category, verdict, n: 0, caution: 0, danger: 0 }), level);
  }

  groups(): VerdictGroup[] {
    return [...this.byKey.values()].sort(
      (a, b) => a.verdict.localeCompare(b.verdict) || a.category.localeCompare(b.category) || a.lang.localeCompare(b.lang),
    );
  }
}

export interface VerdictSummary {
  /** Recall at caution of the clear in-scope items, per language and category, with its floor. */
  inScope: RecallRow[];
  /** Recall at caution of the weak in-scope items (a caution is fine, silence acceptable). */
  weak: { lang: string; category: string; n: number; caught: number }[];
  /** Notices flagged at caution or above, all languages together, with the limit. */
  notice: { n: number; flagged: number; rate: number; pass: boolean };
  allTargetsMet: boolean;
}

export function summarizeVerdicts(groups: VerdictGroup[]): VerdictSummary {
  const inScope: RecallRow[] = [];
  const weak: VerdictSummary['weak'] = [];
  let noticeN = 0;
  let noticeFlagged = 0;
  for (const g of groups) {
    if (g.verdict === 'in_scope') {
      const target = verdictRecallTarget(g.category);
      const recall = rate(g.caution, g.n);
      inScope.push({ lang: g.lang, category: g.category, n: g.n, caught: g.caution, recall, target, pass: recall >= target });
    } else if (g.verdict === 'in_scope_weak') {
      weak.push({ lang: g.lang, category: g.category, n: g.n, caught: g.caution });
    } else if (g.verdict === 'notice') {
      noticeN += g.n;
      noticeFlagged += g.caution;
    }
  }
  const noticeRate = rate(noticeFlagged, noticeN);
  const notice = { n: noticeN, flagged: noticeFlagged, rate: noticeRate, pass: noticeRate <= NOTICE_FLAGGED_MAX };
  return { inScope, weak, notice, allTargetsMet: inScope.every((r) => r.pass) && notice.pass };
}
