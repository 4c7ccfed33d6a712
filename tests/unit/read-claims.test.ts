// The claims reader (src/engine/read-claims.ts) and the cues over claims (claim-cues.ts): a table
// of real-shaped claims in English and Chinese (Simplified and Traditional, full-width), each with
// the quote its offsets point at, and texts that must give no claim (past performance, market
// moves, loans, regulated yearly rates). Property tests: the reader never throws, offsets always
// lie inside the text, and every claim finding quotes the page's own characters.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyze, compileRules, normalizeText } from '../../src/engine';
import { claimCues, formatNumber, yearlyFloor } from '../../src/engine/claim-cues';
import { chineseNumeral, readClaims, readClaimsFrom, readNumberCodes, readNumbers, type Claim } from '../../src/engine/read-claims';

/** Claims of a text after normalisation, each with the normalised text it spans. */
function claimsOf(text: string): (Claim & { quote: string })[] {
  const norm = normalizeText(text).text;
  return readClaims(norm).map((c) => ({ ...c, quote: norm.slice(c.start, c.end) }));
}

describe('numbers', () => {
  test.each([
    ['三万', 30_000],
    ['两千', 2000],
    ['两千五百', 2500],
    ['十二', 12],
    ['一百二十', 120],
    ['五', 5],
    ['十', 10],
    ['一亿', 100_000_000],
  ])('Chinese numeral %s is %d', (text, value) => {
    expect(chineseNumeral(text)).toBe(value);
  });

  test.each([
    ['1,000.50 usd', [{ value: 1000.5, low: 1000.5, percent: false }]],
    ['1.5万元', [{ value: 15_000, low: 15_000, percent: false }]],
    ['3-5%', [{ value: 5, low: 3, percent: true }]],
    ['3至5万', [{ value: 50_000, low: 3, percent: false }]],
    ['15-40 %', [{ value: 40, low: 15, percent: true }]],
    ['三万元', [{ value: 30_000, low: 30_000, percent: false }]],
    ['百分之五', [{ value: 5, low: 5, percent: true }]],
    ['usdt20 is a name', []],
  ])('%s', (text, expected) => {
    expect(readNumbers(normalizeText(text).text, 100).map(({ value, low, percent }) => ({ value, low, percent }))).toEqual(expected);
  });
});

describe('claims', () => {
  test.each<[string, string, Partial<Claim>, string]>([
    // Returns: rate, period, term, in both languages.
    ['a daily rate with a term', 'Profit: 13% Daily for 9 days', { kind: 'return', rate: 13, period: 'day', termHours: 216, yearly: 4745 }, '13% daily for 9 days'],
    ['an hourly rate forever', 'Plan C: 1% hourly forever', { kind: 'return', rate: 1, period: 'hour', forever: true, yearly: 8760 }, '1% hourly forever'],
    ['a rate paid once after a term', 'Get 10% after 12 hours', { kind: 'return', rate: 10, period: null, termHours: 12, yearly: 7300 }, '10% after 12 hours'],
    ['doubling in hours', 'We double your money in 48 hours', { kind: 'return', rate: 100, termHours: 48 }, 'double your money in 48 hours'],
    ['a multiple in days', 'Bitcoin doubler: 2x in 7 days', { kind: 'return', rate: 100, termHours: 168 }, '2x in 7 days'],
    ['a multiple with the times sign', 'Send BTC to the address below and receive 2× back within 24 hours', { kind: 'return', rate: 100, termHours: 24 }, '2× back within 24 hours'],
    ['a machine\'s rent and its daily output (cloud mining)', 'S19 体验机 租金58 USDT 日产出2.9 USDT 周期30天', { kind: 'return', period: 'day' }, '58 usdt日产出2.9'],
    ['a contract\'s rental price and daily output', 'Rental price: 100 USDT, daily output 4 USDT, cycle 30 days', { kind: 'return', rate: 4, period: 'day' }, '100 usdt, daily output 4'],
    ['a period before the rate', 'Expected monthly returns: 15-40 %', { kind: 'return', rate: 15, rateHigh: 40, period: 'month', yearly: 180 }, 'monthly returns: 15-40 %'],
    ['日收益', '日收益5%，稳赚不赔', { kind: 'return', rate: 5, period: 'day', yearly: 1825 }, '日收益5%'],
    ['月化', '月化30%', { kind: 'return', rate: 30, period: 'month', yearly: 360 }, '月化30%'],
    ['Traditional, full-width', '每天收益３％', { kind: 'return', rate: 3, period: 'day' }, '每天收益3%'],
    ['a period a few words before', '每日按投资本金0.3%-0.8%派发分红', { kind: 'return', rate: 0.3, rateHigh: 0.8, period: 'day' }, '每日按投资本金0.3%-0.8%'],
    ['百分之', '百分之五的日收益', { kind: 'return', rate: 5, period: 'day' }, '百分之五的日'],
    ['seconds of a binary option', '选择看涨或看跌，60秒后自动结算，盈利高达85%', { kind: 'return', rate: 85, period: null }, '85%'],
    ['seconds written as S on an options screen', '交割时间 60S 收益率 15%', { kind: 'return', rate: 15, termHours: 60 / 3600 }, '15%'],
    ['a daily payout in Taiwanese wording', '每日配息1.5%，本金隨時可領回', { kind: 'return', rate: 1.5, period: 'day' }, '每日配息1.5%'],
    ['monthly interest', '月息3%，按月付息', { kind: 'return', rate: 3, period: 'month', yearly: 36 }, '月息3%'],
    ['income on a pre-deposit, paid every month', '入会预存5万元，每个月给您发放600元补贴', { kind: 'return', period: 'month' }, '5万元,每个月给您发放600'],
    ['a fee with the withdrawal named earlier in its sentence', 'Your payout is approved. Before the funds can be released, regulations require settlement of capital gains tax (15%).', { kind: 'withdrawFee', amount: 15, currency: '%' }, 'of capital gains tax (15%).'],
    ['money that grows in a term', '先投2万，跟单48小时，账户显示6万', { kind: 'return', rate: 200, termHours: 48 }, '2万,跟单48小时,账户显示6万'],
    ['money taken back after a term', '投入1000元，15天后领回1500元', { kind: 'return', rate: 50, termHours: 360 }, '1000元,15天后领回1500'],
    ['每个月 before the rate', '存进来的钱每个月给您返2%的利息', { kind: 'return', rate: 2, period: 'month', yearly: 24 }, '每个月给您返2%'],
    ['an amount in, a larger one out', 'Invest $500 today and receive $5,000 in 7 days', { kind: 'return', rate: 900, termHours: 168 }, '500 today and receive $5,000 in 7 days'],
    ['a plan term written before its rate', 'Term: 20 days. Projected ROI: 12%', { kind: 'return', rate: 12, termHours: 480 }, '12%'],
    // Pay.
    ['pay per order', '每单佣金5%，日结300元', { kind: 'pay', amount: 5, currency: '%', per: 'order' }, '每单佣金5%'],
    ['pay per day in Chinese', '日结300元，当天到账', { kind: 'pay', amount: 300, currency: 'CNY', yuan: 300, per: 'day' }, '日结300'],
    ['pay per day in dollars', 'earn $500 a day from home', { kind: 'pay', amount: 500, currency: 'USD', yuan: 3500, per: 'day' }, '500 a day'],
    ['a monthly salary in 万', '月薪3万，包吃住', { kind: 'pay', amount: 30_000, per: 'month' }, '月薪3万'],
    ['pay per like', 'Earn $2 per like on TikTok videos', { kind: 'pay', amount: 2, per: 'like' }, 'earn $2 per like on tiktok'],
    // Deposits.
    ['a minimum deposit', 'Deposit: Min $50 – Max $5,000', { kind: 'deposit', bound: 'min', amount: 50, currency: 'USD' }, 'min $50'],
    ['a minimum written after the amount', '$ 2,500 min, term 20 days, roi 12%', { kind: 'deposit', bound: 'min', amount: 2500 }, '2,500 min'],
    ['最低充值', '最低充值100U起，收益日结', { kind: 'deposit', bound: 'min', amount: 100, currency: 'USDT' }, '最低充值100'],
    // Referral tiers.
    ['referral levels', 'Referral commission: Level 1 10%, Level 2 5%', { kind: 'referral', level: 1, rate: 10 }, 'level 1 10%'],
    ['一级返佣', '一级返佣10%，二级返佣5%', { kind: 'referral', level: 1, rate: 10 }, '一级返佣10%'],
    ['commission on referrals\' deposits', 'Invite friends and earn 6% on each deposit they make', { kind: 'referral', level: 0, rate: 6 }, 'invite friends and earn 6% on each deposit they make'],
    // Fees before a withdrawal.
    ['a tax to withdraw', 'You must pay a 20% tax to withdraw your profit', { kind: 'withdrawFee', amount: 20, currency: '%' }, 'you must pay a 20% tax to withdraw your profit'],
    ['提现需缴纳', '提现需缴纳20%的个人所得税', { kind: 'withdrawFee', amount: 20, currency: '%' }, '提现需缴纳20%的个人所得税'],
    ['a deposit asked before withdrawing is a fee, not a minimum', '需充值满500元才能提现', { kind: 'withdrawFee', amount: 500 }, '需充值满500元才能提现'],
    ['a plan card: rate, period and term on lines of their own', 'Plan A\n3%\nDaily\nFor 30 days', { kind: 'return', rate: 3, period: 'day', termHours: 720 }, '3% daily for 30 days'],
    ['a plan card whose term is labelled', 'STARTER\n1.2% Daily\nDuration 20 Days\nMinimum $25', { kind: 'return', rate: 1.2, period: 'day', termHours: 480 }, '1.2% daily duration 20 days'],
    ['a plans table: rate and term in cells under a head', 'PLAN | PERCENT | TERM | MIN | MAX\nSilver | 3.5% | 15 days | $50 | $4,999', { kind: 'return', rate: 3.5, period: null, termHours: 360 }, '3.5% | 15 days'],
    ['a deposit and the daily income on it', 'VIP 1: deposit 500 USDT, daily income 15 USDT', { kind: 'return', rate: 3, period: 'day' }, '500 usdt, daily income 15'],
    ['tenths (成) as a percentage, a week said as 一周', '放进去一周能多出两成', { kind: 'return', rate: 20, period: 'week' }, '一周能多出两成'],
    ['a monthly payback in bare numerals on a stake (返)', '投10万每个月返3000', { kind: 'return', rate: 3, period: 'month' }, '10万每个月返3000'],
    ['a machine bought, and its daily income', '买一台1980元，每天收益45元', { kind: 'return', period: 'day' }, '1980元,每天收益45'],
    ['a rise promised for next week', '老师说这个票下周至少涨50%', { kind: 'return', rate: 50, period: 'week' }, '至少涨50%'],
    ['a rise promised in English', 'The coin will rise at least 30% next week', { kind: 'return', rate: 30, period: 'week' }, 'will rise at least 30%'],
    ['an amount turned into more within a week', 'Send me 0.5 BTC and I will flip it into 2 BTC within a week', { kind: 'return', rate: 300, termHours: 168 }, '0.5 btc and i will flip it into 2 btc within a week'],
    ['a monthly rate said to be guaranteed', 'Our plan pays 2% every month, guaranteed', { kind: 'return', rate: 2, period: 'month', guaranteed: true }, '2% every month'],
    ['referral levels named after the rate', 'Referral program: earn 10% on the first level, 3% on the second', { kind: 'referral', level: 1, rate: 10 }, '10% on the first level'],
  ])('%s', (_name, text, expected, quote) => {
    const claims = claimsOf(text);
    const claim = claims.find((c) => c.kind === expected.kind);
    expect(claim, JSON.stringify(claims)).toMatchObject(expected);
    expect(claim!.quote).toBe(quote);
  });

  test.each([
    ['past performance', 'The stock returned 104% last year'],
    ['a regulated yearly rate is read but below every cue', ''],
    ['a market move', 'The index fell 3% a day after the report'],
    ['a rise in Chinese', '今年以来上涨5%'],
    ['a loan rate', '日利率0.05%，按日计息'],
    ['a year-on-year change', '净利润同比增长12%'],
    ['a fee table with no fee', '平台没有充值费、提现费'],
    ['a fee the sentence says is not charged for withdrawals', '平台没有充值费、提现费，债权转让收费分为两种，其中一种收取1元/笔的手续费，其它散标收取0.2%的手续费'],
    ['a duration of months before a rate', '假设75%租户获六个月30%的租金减幅'],
    ['a term of months in a product list', '24月收益10.2%，到期还本付息'],
    ['a date is not a term, and a new line ends the sentence', '融资余额减少1.46亿元 84股融资余额环比增加\n数据统计显示，截至11月12日，两融余额合计427.79亿元'],
    ['a code that ends in x is not a multiple', '档案编号：NY2023-ESTA-0875X，需在48小时内提交'],
    ['a date and a count', 'On 12 March 2024, 300 people attended.'],
    ['a price years apart', 'The house cost $500,000 in 2010 and sold for $800,000 in 2020'],
    ['revenue growth', '2019年营收3万元，2020年增至5万元'],
    ['an empty balance beside the wallet buttons', 'Total balance: $0.00. Deposit | Withdraw'],
    ['a rate and a number of days with no word of return or plan', 'Save 5% | 30 days free trial'],
    ['an ordinal that is not a level', 'Earn 10% on the first day of the sale'],
    ['"30s" in English is an age, not a term', 'Workers in their 30s earn 5% more, the survey found'],
    ['a forecast is no promise', 'Analysts say the stock will rise 5% this year'],
    ['a share of people in tenths', '九成网友认为房价会稳定'],
    ['a rise reported, not promised', '该股上周上涨50%'],
    ['a product table read across its cells', '起购 5 万元 R1 低风险 购买 天禾鑫动 41 期（挂钩沪深300） 本金保障型浮动收益 0.50%–5.80% 365 天 10 万元'],
    ['a mining machine\'s price and its estimated daily income', 'Antminer S21 price $3,200. Estimated daily income $11.40 at current difficulty.'],
    ['a multiplication in a margin table', '警戒线：总资金 × 0.93'],
    ['a staking table: yearly rates, paid daily', 'Asset | Estimated reward rate (APY) | Reward frequency\nCosmos (ATOM) | up to 13.1% | Daily | 21 days'],
    ['the least you may withdraw, and tax the platform withholds', '报酬发放到账户余额，满 50 元可提现至本人支付宝，平台代扣代缴个税。'],
  ])('no claim: %s', (_name, text) => {
    expect(claimsOf(text)).toEqual([]);
  });

  test('a rate labelled yearly right after it is yearly, whatever period word stands before it', () => {
    const claims = claimsOf('金桥天天利现金管理 1 号 ｜ 每日开放 1.86% 近七日年化');
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: 'return', rate: 1.86, period: 'year', yearly: 1.86 });
    expect(claimsOf('Earn 1.5% daily (547% APY)').map((c) => 'period' in c && c.period)).toEqual(['day', 'year']);
  });

  test.each([
    ['a wallet page: balance, buttons, then its fee table', 'Available balance 120.00 USDT  Deposit  Withdraw  Transfer  Withdrawal fee 1 USDT'],
    ['a bank statement line', 'Last withdrawal $200. Fee $2.50'],
  ])('no fee before withdrawal: %s', (_name, text) => {
    expect(claimsOf(text).filter((c) => c.kind === 'withdrawFee')).toEqual([]);
  });

  test('a savings rate is a return claim far below every cue', () => {
    const claims = claimsOf('Savings accounts now pay around 4.5% a year');
    expect(claims.every((c) => c.kind !== 'return' || c.yearly < 30)).toBe(true);
    expect(claimCues(readClaims(normalizeText('年化收益率4.5%').text), () => '')).toEqual([]);
  });
});

describe('cues over claims', () => {
  const cues = (text: string) => {
    const norm = normalizeText(text).text;
    return claimCues(readClaims(norm), (s, e) => norm.slice(s, e));
  };

  test.each([
    ['13% daily for 9 days', 'claim-return-extreme', ['13% daily for 9 days', '4,000']],
    ['Monthly profit 8%', 'claim-return-high', ['monthly profit 8%', '96']],
    ['年化收益率高达36%', 'claim-return-above-market', ['年化收益率高达36%', '36']],
    ['每单佣金5%', 'claim-pay-per-task', ['每单佣金5%']],
    ['You must pay a 20% tax to withdraw your profit', 'claim-withdraw-fee', ['you must pay a 20% tax to withdraw your profit']],
    ['一级返佣10%，二级返佣5%', 'claim-referral-tiers', ['一级返佣10%,二级返佣5%']],
    ['月薪5万，无需经验', 'claim-pay-high', ['月薪5万', '50,000']],
  ])('%s → %s with its arithmetic', (text, id, args) => {
    const hit = cues(text).find((h) => h.cue.id === id);
    expect(hit, JSON.stringify(cues(text).map((h) => h.cue.id))).toBeDefined();
    expect(hit!.args).toEqual(args);
  });

  test('a guaranteed rate is above market from 15% a year; an ordinary guaranteed deposit rate is not', () => {
    const ids = (text: string) => cues(text).map((h) => h.cue.id);
    expect(ids('Our plan pays 2% every month, guaranteed')).toContain('claim-return-above-market');
    expect(ids('Our plan pays 2% every month')).toEqual([]);
    expect(ids('A guaranteed 4.5% a year on a three-year fixed deposit')).toEqual([]);
  });

  test('a rate per month that comes to over 120% a year is extreme; a yearly figure needs 1,000%', () => {
    const ids = (text: string) => cues(text).map((h) => h.cue.id);
    expect(ids('月收益12%，每月结算')).toContain('claim-return-extreme');
    expect(ids('Earn 2% daily on your deposit')).toContain('claim-return-extreme');
    expect(ids('利润率最高可达200%')).not.toContain('claim-return-extreme');
    expect(ids('Farm yields of 256% APY')).not.toContain('claim-return-extreme');
    expect(ids('月收益8%')).toContain('claim-return-high');
  });

  test('several plans of rate, term and minimum deposit make a plans table', () => {
    const hits = cues('Starter plan: 2% daily for 10 days, min $10. Gold plan: 3% daily for 20 days, min $500. VIP plan: 5% daily for 30 days, min $5,000.');
    expect(hits.map((h) => h.cue.id)).toEqual(expect.arrayContaining(['claim-return-extreme', 'claim-plans']));
    const plans = hits.find((h) => h.cue.id === 'claim-plans')!;
    expect(plans.spans.length).toBeGreaterThanOrEqual(2);
    expect(plans.args).toEqual(['2% daily for 10 days', 'min $10']);
  });

  test('commission on the recruits\' deposits is the pyramid cue; on their purchases, ordinary referral pay', () => {
    const ids = (text: string) => cues(text).map((h) => h.cue.id);
    expect(ids('You earn 6% of every deposit your referrals make')).toEqual(['claim-referral-deposits']);
    expect(ids('邀请好友充值，返佣8%')).toEqual(['claim-referral-deposits']);
    expect(ids('Affiliates earn 4% commission on purchases their referrals make')).toEqual(['claim-referral-pay']);
    const hit = cues('You earn 6% of every deposit your referrals make')[0]!;
    expect(hit.cue.cue).toBe('pyramid');
  });

  test('commission on deposits three levels deep is a pyramid on its own; two levels, or levels on purchases, are not', () => {
    const ids = (text: string) => cues(text).map((h) => h.cue.id);
    const deep = 'Deposit commission: Level 1 8%, Level 2 4%, Level 3 2%';
    expect(ids(deep)).toContain('claim-referral-deep');
    expect(cues(deep).find((h) => h.cue.id === 'claim-referral-deep')!.cue.weight).toBeGreaterThanOrEqual(5);
    expect(ids('Deposit commission: Level 1 8%, Level 2 4%')).not.toContain('claim-referral-deep');
    expect(ids('Commission on purchases: Level 1 8%, Level 2 4%, Level 3 2%')).not.toContain('claim-referral-deep');
  });

  test.each([
    ['投一万每周能回来一千五', 15, 'week', '一万每周能回来一千五'],
    ['invest $1,000 and earn $50 a day', 5, 'day', '1,000 and earn $50 a day'],
    ['投资五万元认购份额，每月固定分红2000元', 4, 'month', '五万元认购份额,每月固定分红2000'],
  ])('money paid on a stake is a return: %s', (text, rate, period, quoted) => {
    const norm = normalizeText(text).text;
    const r = readClaims(norm).find((c) => c.kind === 'return');
    expect(r).toMatchObject({ rate, period });
    expect(norm.slice(r!.start, r!.end)).toBe(quoted);
  });

  test('money that is not a stake makes no return: a purchase, a wage, a price', () => {
    for (const text of ['买了2000元的衣服，每天穿', 'The price is $1,000, and $50 a day for parking', '月薪5000元，每天工作8小时']) {
      expect(readClaims(normalizeText(text).text).filter((c) => c.kind === 'return'), text).toEqual([]);
    }
  });

  test('spoken Chinese amounts: a bare digit after a place is the next place down', () => {
    expect(['一千五', '两万三', '三百五', '一千零五', '十二', '一万五千'].map(chineseNumeral)).toEqual([1500, 23000, 350, 1005, 12, 15000]);
  });

  test('a fee must be the amount\'s own: a savings rate beside "deposit" and "withdraw" is not one', () => {
    const kinds = (t: string) => readClaims(normalizeText(t).text).map((c) => c.kind);
    expect(kinds('A savings account pays 4.3% APY; deposits are insured and you can withdraw at any time.')).not.toContain('withdrawFee');
    expect(kinds('To release your funds, a 10% liquidity verification fee must be paid within 48 hours')).toContain('withdrawFee');
  });

  test('the yearly figure is said as a floor of round numbers, and capped', () => {
    expect([yearlyFloor(4745), yearlyFloor(1095), yearlyFloor(360), yearlyFloor(45.6), yearlyFloor(44_676_000)]).toEqual(['4,000', '1,000', '300', '45', '1,000,000']);
    expect([formatNumber(912.5), formatNumber(3.25), formatNumber(66_000)]).toEqual(['912', '3.3', '66,000']);
  });
});

describe('claims through analyze()', () => {
  const compiled = compileRules([]);

  test('a claim finding quotes the page\'s own characters and carries its explanation arguments', () => {
    const text = '新用戶專享：日收益５％，穩賺不賠';
    const result = analyze({ text }, compiled);
    const finding = result.findings.find((f) => f.ruleId === 'claim-return-extreme');
    expect(finding).toBeDefined();
    expect(finding!.explanationKey).toBe('claim_return');
    const m = finding!.matches[0]!;
    expect(text.slice(m.start, m.end)).toBe(m.quote);
    expect(m.quote).toBe('日收益５％');
    expect(finding!.explanationArgs).toEqual(['日收益５％', '1,000']);
    expect(result.level).toBe('caution');
  });

  test('an extreme return, a plans table and referral tiers together are danger', () => {
    const text = [
      'Basic plan: 3% daily for 30 days, minimum deposit $50.',
      'Premium plan: 5% daily for 60 days, minimum deposit $1,000.',
      'Referral commission: Level 1 7%, Level 2 3%, Level 3 1% of every deposit.',
    ].join('\n');
    expect(analyze({ text }, compiled).level).toBe('danger');
  });
});

describe('properties', () => {
  const pieces = fc.constantFrom('13%', ' daily', ' for 9 days', '日收益', '5%', '月化', '最低充值', '100U', '$', '1,000', ' min ', '一级', '返佣',
    '提现需缴纳', ' tax to withdraw', '每单佣金', '日结', '300元', '万', '百分之', '五', '-', '至', '，', '。', ' ', '\n', 'x', '倍', ' in 48 hours');
  const texty = fc.oneof(fc.string({ maxLength: 200 }), fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')), fc.string({ unit: 'grapheme', maxLength: 80 }));

  test('the reader never throws and every claim lies inside the text, in order', () => {
    fc.assert(
      fc.property(texty, (text) => {
        const norm = normalizeText(text).text;
        const claims = readClaims(norm);
        let last = -1;
        for (const c of claims) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeGreaterThan(c.start);
          expect(c.end).toBeLessThanOrEqual(norm.length);
          expect(c.start).toBeGreaterThanOrEqual(last);
          last = c.start;
        }
      }),
      { numRuns: 400 },
    );
  });

  test('every claim finding quotes the original text at its offsets', () => {
    const compiled = compileRules([]);
    fc.assert(
      fc.property(texty, (text) => {
        for (const f of analyze({ text }, compiled).findings) {
          for (const m of f.matches) expect(text.slice(m.start, m.end)).toBe(m.quote);
        }
      }),
      { numRuns: 300 },
    );
  });

  // analyze() reads claims from the normaliser's code units, decoding only the stretches around
  // numbers that can make a claim: it must find exactly what the reader finds in the whole text.
  test('reading from code units finds the same numbers and claims as reading the whole text', () => {
    const more = fc.constantFrom('0.3%-0.8%', '3 to 5%', '2x', '3k', '1.5m', '亿', '2万', '三千%', '元', '块', '日收益(%) 1.2', 'daily profit (%) 1.20',
      'usdt', 'rmb', '¥', '薪', ' h', 'doubles your money in ', '7', 'level 1 10% ', 'invest $500 and receive $5,000 in 7 days', '投一万每周能回来一千五', '投资', '回来两百', '分红三千', '投了', 'invest $1,000 and earn $50 a day', '\ud83d\ude00', '\ud800', '1,2345', '12.', '.5', '%', '3千%', '2万 %');
    const filler = fc.integer({ min: 20, max: 300 }).map((k) => 'the weather was fine and nothing happened '.repeat(8).slice(0, k));
    const text = fc.array(fc.oneof(pieces, more, filler), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(text, texty), (raw) => {
        const norm = normalizeText(raw);
        expect(readNumberCodes(norm.codes, 20_000).tokens).toEqual(readNumbers(norm.text, 20_000));
        expect(readClaimsFrom(norm.codes, () => norm.text)).toEqual(readClaims(norm.text));
      }),
      { numRuns: 1500 },
    );
  });
});
