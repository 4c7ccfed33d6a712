// Cues over claims (issue 9, part 1): what a claim means for the person, with the arithmetic done
// for them. Each cue is built in, like a rule that reads numbers instead of phrases; its
// explanation is a `_locales` message with the claim quoted and the sums filled in.
//
// The mechanisms:
// - a fixed periodic return whose yearly equivalent no real investment pays (seed 002: the fake
//   platform's steady "returns"; the SEC's and FCA's warnings on high-yield investment programmes);
// - several plans of rate, term and minimum deposit: the plans table of a HYIP or a fake platform;
// - commission by referral level: pay for recruiting, the shape of a pyramid (FTC: pyramid schemes);
// - pay per order, task or like: the 刷单 and "task" scams of seeds 000 and 004;
// - pay far above what a job with easy requirements pays (seeds 001 and 003: the "lucrative
//   salaries" that lure workers to the compounds);
// - a fee, tax or "unfreezing" deposit before a withdrawal (seed 002).
import type { Claim, DepositClaim, PayClaim, ReferralClaim, ReturnClaim, WithdrawFeeClaim } from './read-claims';
import type { ScamType } from './types';

export interface ClaimCue {
  id: string;
  type: ScamType;
  cue: string;
  weight: number;
  /** `_locales` message of the explanation; its substitutions are `args`. */
  explanationKey: string;
  source: string;
}

const SEED_PLATFORM = '002_75d2ff6374214214.txt';
const SEED_TASKS = '000_862abe9621b1bccc.txt';
const SEED_COMPOUNDS = '001_5a018651cdb96609.txt';

export const CLAIM_CUES = {
  returnExtreme: { id: 'claim-return-extreme', type: 'investment', cue: 'returns', weight: 5, explanationKey: 'claim_return', source: SEED_PLATFORM },
  returnHigh: { id: 'claim-return-high', type: 'investment', cue: 'returns', weight: 4, explanationKey: 'claim_return', source: SEED_PLATFORM },
  returnAboveMarket: { id: 'claim-return-above-market', type: 'investment', cue: 'returns', weight: 3, explanationKey: 'claim_return', source: SEED_PLATFORM },
  plans: { id: 'claim-plans', type: 'investment', cue: 'plans', weight: 4, explanationKey: 'claim_plans', source: SEED_PLATFORM },
  referralPay: { id: 'claim-referral-pay', type: 'investment', cue: 'referral', weight: 2, explanationKey: 'claim_referral_pay', source: 'FTC, "Multi-level marketing businesses and pyramid schemes"' },
  referralDeposits: { id: 'claim-referral-deposits', type: 'investment', cue: 'pyramid', weight: 3, explanationKey: 'claim_referral_pay', source: 'FTC, "Multi-level marketing businesses and pyramid schemes"' },
  referral: { id: 'claim-referral-tiers', type: 'investment', cue: 'pyramid', weight: 3, explanationKey: 'claim_referral', source: 'FTC, "Multi-level marketing businesses and pyramid schemes"' },
  // Commission on the recruits' deposits three levels deep or more: members are paid out of the
  // money of newcomers several recruitments away, the pyramid itself (SEC investor alert on
  // pyramid schemes: commissions on new members' investments, not on sales). A caution alone.
  referralDeep: { id: 'claim-referral-deep', type: 'investment', cue: 'pyramid', weight: 5, explanationKey: 'claim_referral', source: 'SEC investor alert, "Beware of Pyramid Schemes Posing as Multi-Level Marketing Programs"' },
  payPerTask: { id: 'claim-pay-per-task', type: 'recruitment', cue: 'task-pay', weight: 3, explanationKey: 'claim_pay_task', source: SEED_TASKS },
  payHigh: { id: 'claim-pay-high', type: 'recruitment', cue: 'salary', weight: 2, explanationKey: 'claim_pay_high', source: SEED_COMPOUNDS },
  deposit: { id: 'claim-deposit-limits', type: 'investment', cue: 'deposit', weight: 1, explanationKey: 'claim_deposit', source: 'SEC investor alert, "High-Yield Investment Programs Are Hazardous to Your Investment"' },
  withdrawFee: { id: 'claim-withdraw-fee', type: 'investment', cue: 'withdraw-fee', weight: 5, explanationKey: 'claim_withdraw_fee', source: SEED_PLATFORM },
} as const satisfies Record<string, ClaimCue>;

export const CLAIM_CUE_LIST: readonly ClaimCue[] = Object.values(CLAIM_CUES);

/** One cue where it stands: the claims behind it and the explanation's substitutions. */
export interface ClaimCueHit {
  cue: ClaimCue;
  /** [start, end) in the normalised text of the claims that make the cue. */
  spans: [number, number][];
  args: string[];
}

/** A yearly equivalent of this many percent or more is more than savings, bonds or shares pay. */
export const ABOVE_MARKET_YEARLY = 30;
const HIGH_YEARLY = 50;
/** A guaranteed yearly equivalent of this much is above market: deposits and bonds guarantee a few percent. */
const GUARANTEED_ABOVE_MARKET_YEARLY = 15;
const EXTREME_YEARLY = 1000;
/**
 * A rate promised per hour, day, week or month that comes to this much a year is extreme too: no
 * real investment promises 10% a month. A yearly figure (an APY, a margin "of up to 200%") is
 * held to EXTREME_YEARLY.
 */
const EXTREME_SHORT_PERIOD_YEARLY = 120;

/** Pay in yuan per unit of time above which a job must explain itself (about 4× a city's average wage). */
const HIGH_PAY_YUAN: Record<string, number> = { hour: 200, day: 1500, week: 8000, month: 30_000 };

/** Claims of a plans table stand within this many characters of each other. */
const PLANS_SPAN = 1500;

/** "4745" → "4,745"; "912.5" → "912"; thousands separated, no decimals beyond what matters. */
export function formatNumber(n: number): string {
  const v = n >= 100 ? Math.floor(n) : Math.round(n * 10) / 10;
  // By hand, not toLocaleString: Intl is slow to start and this runs inside every scan.
  const [whole, fraction] = String(v).split('.');
  return whole!.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction ? `.${fraction}` : '');
}

/** The yearly figure said as a floor of round numbers: 4745 → "4,000", 1095 → "1,000", 360 → "300". */
export function yearlyFloor(yearly: number): string {
  if (yearly < 100) return formatNumber(Math.floor(yearly));
  // Past a million percent the figure only says "impossible"; it is not read digit by digit.
  if (yearly >= 1_000_000) return formatNumber(1_000_000);
  const magnitude = 10 ** Math.floor(Math.log10(yearly));
  return formatNumber(Math.floor(yearly / magnitude) * magnitude);
}

function returnCue(c: ReturnClaim): ClaimCue | null {
  // A yearly rate is what regulated products quote: only a high one is a cue.
  if (c.yearly >= EXTREME_YEARLY || (c.yearly >= EXTREME_SHORT_PERIOD_YEARLY && c.period !== null && c.period !== 'year')) return CLAIM_CUES.returnExtreme;
  if (c.yearly >= HIGH_YEARLY) return CLAIM_CUES.returnHigh;
  if (c.yearly >= ABOVE_MARKET_YEARLY) return CLAIM_CUES.returnAboveMarket;
  // Guaranteed, a return well above what deposits pay is a promise no real investment makes.
  if (c.guaranteed && c.yearly >= GUARANTEED_ABOVE_MARKET_YEARLY) return CLAIM_CUES.returnAboveMarket;
  return null;
}

const span = (c: Claim): [number, number] => [c.start, c.end];

/** The cues the claims of one text make, each with the claims behind it. */
export function claimCues(claims: readonly Claim[], quote: (start: number, end: number) => string): ClaimCueHit[] {
  const hits: ClaimCueHit[] = [];
  const returns = claims.filter((c): c is ReturnClaim => c.kind === 'return');
  const byCue = new Map<string, ClaimCueHit>();
  for (const r of returns) {
    const cue = returnCue(r);
    if (!cue) continue;
    const known = byCue.get(cue.id);
    if (known) known.spans.push(span(r));
    else byCue.set(cue.id, { cue, spans: [span(r)], args: [quote(r.start, r.end), yearlyFloor(r.yearly)] });
  }
  hits.push(...byCue.values());

  // A plans table: two or more promised returns with a term or a deposit limit beside them.
  const deposits = claims.filter((c): c is DepositClaim => c.kind === 'deposit');
  const plans = returns.filter((r) => r.yearly >= ABOVE_MARKET_YEARLY && (r.termHours !== null || r.forever || deposits.some((d) => Math.abs(d.start - r.start) < PLANS_SPAN)));
  const planSpans: [number, number][] = [];
  for (let i = 0; i + 1 < plans.length; i++) {
    if (plans[i + 1]!.start - plans[i]!.start < PLANS_SPAN) planSpans.push(span(plans[i]!), span(plans[i + 1]!));
  }
  // Neighbouring pairs share a plan: each plan is one span.
  const uniquePlanSpans = planSpans.filter((sp, i) => planSpans.findIndex((o) => o[0] === sp[0]) === i);
  planSpans.length = 0;
  planSpans.push(...uniquePlanSpans);
  if (planSpans.length > 0) {
    const first = plans[0]!;
    const minDeposit = deposits.find((d) => d.bound === 'min');
    hits.push({ cue: CLAIM_CUES.plans, spans: planSpans, args: [quote(first.start, first.end), minDeposit ? quote(minDeposit.start, minDeposit.end) : ''] });
  }

  // A minimum or maximum deposit: alone it is what any fund states; beside a return no real
  // investment pays it is one more part of the same plan (weight 1).
  const promised = returns.filter((r) => r.yearly >= ABOVE_MARKET_YEARLY);
  const planDeposits = deposits.filter((d) => promised.some((r) => Math.abs(r.start - d.start) < PLANS_SPAN));
  if (planDeposits.length > 0) hits.push({ cue: CLAIM_CUES.deposit, spans: planDeposits.map(span), args: [quote(planDeposits[0]!.start, planDeposits[0]!.end)] });

  // Commission by level: two levels or more, in one stretch of text.
  const allReferrals = claims.filter((c): c is ReferralClaim => c.kind === 'referral');
  // A share of the recruits' deposits: members are paid out of newcomers' money, the Ponzi and
  // pyramid mechanism itself (the same cue as commission tiers). A share of what they buy is
  // ordinary affiliate pay, a weaker cue.
  const onDeposits = allReferrals.filter((r) => r.onDeposits);
  const otherReferrals = allReferrals.filter((r) => !r.onDeposits);
  if (onDeposits.length > 0) hits.push({ cue: CLAIM_CUES.referralDeposits, spans: onDeposits.map(span), args: [quote(onDeposits[0]!.start, onDeposits[0]!.end)] });
  if (otherReferrals.length > 0) hits.push({ cue: CLAIM_CUES.referralPay, spans: otherReferrals.map(span), args: [quote(otherReferrals[0]!.start, otherReferrals[0]!.end)] });
  const referrals = allReferrals.filter((r) => r.level > 0);
  const tiers = levelRun(referrals, 2, () => true);
  if (tiers !== null) hits.push({ cue: CLAIM_CUES.referral, spans: tiers.map(span), args: [quote(tiers[0]!.start, tiers[tiers.length - 1]!.end)] });
  // Commission on deposits three levels deep: a pyramid on its own.
  const deep = levelRun(referrals, 3, (run) => run.some((t) => t.onDeposits));
  if (deep !== null) hits.push({ cue: CLAIM_CUES.referralDeep, spans: deep.map(span), args: [quote(deep[0]!.start, deep[deep.length - 1]!.end)] });

  const pays = claims.filter((c): c is PayClaim => c.kind === 'pay');
  const perTask = pays.filter((p) => p.per === 'order' || p.per === 'task' || p.per === 'like');
  if (perTask.length > 0) hits.push({ cue: CLAIM_CUES.payPerTask, spans: perTask.map(span), args: [quote(perTask[0]!.start, perTask[0]!.end)] });
  const high = pays.filter((p) => p.yuan !== null && HIGH_PAY_YUAN[p.per] !== undefined && p.yuan >= HIGH_PAY_YUAN[p.per]!);
  if (high.length > 0) {
    const p = high[0]!;
    const perMonth = (p.yuan ?? 0) * (p.per === 'hour' ? 174 : p.per === 'day' ? 22 : p.per === 'week' ? 4.33 : 1);
    hits.push({ cue: CLAIM_CUES.payHigh, spans: high.map(span), args: [quote(p.start, p.end), formatNumber(Math.round(perMonth / 1000) * 1000)] });
  }

  const fees = claims.filter((c): c is WithdrawFeeClaim => c.kind === 'withdrawFee');
  if (fees.length > 0) hits.push({ cue: CLAIM_CUES.withdrawFee, spans: fees.map(span), args: [quote(fees[0]!.start, fees[0]!.end)] });
  return hits;
}

/**
 * The first run of commission claims in one stretch of text (PLANS_SPAN apart at most) that names
 * `levels` different levels and passes `also`, up to the claim that completes it; or null.
 */
function levelRun(referrals: readonly ReferralClaim[], levels: number, also: (run: readonly ReferralClaim[]) => boolean): ReferralClaim[] | null {
  let run: ReferralClaim[] = [];
  for (const r of referrals) {
    if (run.length > 0 && r.start - run[run.length - 1]!.start > PLANS_SPAN) run = [];
    run.push(r);
    if (new Set(run.map((t) => t.level)).size >= levels && also(run)) return run;
  }
  return null;
}
