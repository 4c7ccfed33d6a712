// The claims reader (issue 9, part 1): turns normalised text into typed claims about money: a
// promised return (rate, period, term), pay (an amount per hour, day, month, order, task or like),
// a deposit range, commission by referral level, and a fee asked before a withdrawal. Scams are
// recognised by what they claim, not by the words they use to claim it: "13% daily for 9 days",
// "日收益5%" and "月化30%" are one claim, a return no real investment pays (seed 002: the teacher's
// platform showed steady "returns" until she had sent 2.15 million yuan).
//
// Every claim starts at a number. The reader walks the normalised text once looking for numbers
// (digits, or Chinese numerals followed by a unit), and reads only the few dozen characters around
// each one, so text without numbers costs one pass of cheap character tests. analyze() calls
// readClaimsFrom, which walks the normaliser's code units and decodes to strings only the
// stretches around numbers that can make a claim; readClaims, on a string, is its reference.
// Offsets are in the normalised text; analyze() maps them back to the page's own characters.

export type Period = 'hour' | 'day' | 'week' | 'month' | 'year';

export const HOURS_PER: Record<Period, number> = { hour: 1, day: 24, week: 168, month: 730, year: 8760 };

export type PayUnit = Period | 'order' | 'task' | 'like';

interface ClaimBase {
  /** [start, end) in the normalised text: the clause the claim was read from. */
  start: number;
  end: number;
}

/** A promised return: `rate` percent per `period`, or per `termHours` when it is paid once at the end. */
export interface ReturnClaim extends ClaimBase {
  kind: 'return';
  rate: number;
  /** Upper end of a range ("3-5%"), else equal to `rate`. */
  rateHigh: number;
  period: Period | null;
  /** How long the plan runs, or the time after which `rate` is paid (hours). */
  termHours: number | null;
  /** "forever", "lifetime": the rate runs without end. */
  forever: boolean;
  /** The simple (not compounded) yearly equivalent of the lower rate, percent. */
  yearly: number;
  /** Said to be guaranteed ("guaranteed", 保本, 保底) in the same clause. */
  guaranteed?: true;
}

/** Pay in money (`currency`, amount in yuan for comparison) or percent per unit of time or work. */
export interface PayClaim extends ClaimBase {
  kind: 'pay';
  amount: number;
  /** 'CNY' | 'USD' | 'USDT' | '%' … as written. */
  currency: string;
  /** The amount in yuan (USD and USDT at 7), or null for a percentage. */
  yuan: number | null;
  per: PayUnit;
}

export interface DepositClaim extends ClaimBase {
  kind: 'deposit';
  bound: 'min' | 'max';
  amount: number;
  currency: string;
}

/** Commission paid by referral level ("Level 1 10%", "一级返佣5%"); level 0 when none is named. */
export interface ReferralClaim extends ClaimBase {
  kind: 'referral';
  level: number;
  rate: number;
  /** A share of what the recruits deposit or invest (not of what they buy): pay for bringing in depositors. */
  onDeposits: boolean;
}

/** A fee, tax or deposit demanded before money may be withdrawn ("pay 20% tax to withdraw", 提现需缴纳解冻金). */
export interface WithdrawFeeClaim extends ClaimBase {
  kind: 'withdrawFee';
  amount: number;
  currency: string;
}

export type Claim = ReturnClaim | PayClaim | DepositClaim | ReferralClaim | WithdrawFeeClaim;

// ---- numbers --------------------------------------------------------------------------------

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000, 亿: 100_000_000 };

/** The value of a Chinese numeral ("三万" 30000, "两千五百" 2500, "十二" 12), or NaN. */
export function chineseNumeral(s: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  /** The place just written (千 after 一千), so that a bare digit after it is the next place down. */
  let lastUnit = 0;
  for (const ch of s) {
    if (ch in ZH_DIGITS) {
      digit = ZH_DIGITS[ch]!;
      continue;
    }
    const unit = ZH_UNITS[ch];
    if (unit === undefined) return NaN;
    if (unit >= 10_000) {
      total = (total + section + Math.max(digit, 0)) * unit;
      section = 0;
    } else {
      section += (digit < 0 ? 1 : digit) * unit;
    }
    digit = -1;
    lastUnit = unit;
  }
  // Spoken shorthand: 一千五 is 1,500, 两万三 is 23,000, 三百五 is 350 (but 一千零五 is 1,005).
  if (digit > 0 && lastUnit >= 100 && !s.includes('零')) return total + section + digit * (lastUnit / 10);
  return total + section + Math.max(digit, 0);
}


interface NumberToken {
  /** A percentage: "5%" or 百分之五 (then `end` is past the '%'). */
  percent: boolean;
  value: number;
  /** The lower end when the number closes a range ("3-5", "3至5"), else the value. */
  low: number;
  start: number;
  end: number;
}

/** Digits with separators and decimals, then a 万/千/k multiplier: "1,000.50", "1.5万", "3k". */
const DIGITS_AT = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/y;
const MULTIPLIER_AT = /(?:万|千|亿|k\b|m\b)/y;
const RANGE_BEFORE = /(\d+(?:\.\d+)?)\s?(?:%\s?)?(?:-|–|~|至|到|to)\s?$/;

const MULTIPLIERS: Record<string, number> = { 万: 10_000, 千: 1000, 亿: 100_000_000, k: 1000, m: 1_000_000 };

/** Character classes: 1 a digit, 2 a Chinese numeral. */
const CLASS = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (const c of '零〇一二两三四五六七八九十百千万亿') CLASS[c.charCodeAt(0)] = 2;
/**
 * Sets of characters the readers test one character at a time, as bits of one table (a typed-array
 * load instead of a Set look-up; charCodeAt's NaN past the end and a missing code unit read 0).
 */
const CHAR_SETS = new Uint8Array(0x10000);
let nextCharSet = 1;
/** A new set of CHAR_SETS (at most eight): its bit. */
function charSet(chars: string): number {
  if (nextCharSet > 0x80) throw new Error('CHAR_SETS holds eight sets: widen it to a Uint16Array');
  const bit = nextCharSet;
  nextCharSet <<= 1;
  for (const c of chars) CHAR_SETS[c.charCodeAt(0)]! |= bit;
  return bit;
}
/** Whether code unit c (or NaN / undefined: no) is in the set `bit` of CHAR_SETS. */
const inSet = (c: number | undefined, bit: number): boolean => (CHAR_SETS[c!]! & bit) !== 0;

/** Characters that may end a range before a number: "3-5", "3–5", "3~5", "3至5", "3到5", "3 to 5". */
const RANGE_MARK = charSet('-–~至到o ');

export function readNumbers(text: string, limit: number): NumberToken[] {
  const out: NumberToken[] = [];
  const n = text.length;
  // A regular expression finds the next digit far faster than a loop over every character.
  const digit = /[0-9]/g;
  for (let i = 0; i < n && out.length < limit; i++) {
    digit.lastIndex = i;
    if (digit.exec(text) === null) break;
    i = digit.lastIndex - 1;
    // Inside a word ("usdt20", "b2b") a digit run is a name, not an amount; "500u" is read below.
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    DIGITS_AT.lastIndex = i;
    const m = DIGITS_AT.exec(text)!;
    let end = i + m[0].length;
    let value = Number(m[0].length > 3 ? m[0].replace(/,/g, '') : m[0]);
    MULTIPLIER_AT.lastIndex = end;
    const mult = MULTIPLIER_AT.exec(text);
    if (mult) {
      value *= MULTIPLIERS[mult[0]]!;
      end += mult[0].length;
    }
    const gap = text.charCodeAt(end) === 32 && text.charCodeAt(end + 1) === 37 ? 1 : 0;
    const percent = text.charCodeAt(end + gap) === 37;
    if (percent) end += 1 + gap;
    if (!((prev >= 97 && prev <= 122) || prev === 46) && Number.isFinite(value)) {
      const token: NumberToken = { percent, value, low: value, start: i, end };
      const ranged = inSet(prev, RANGE_MARK) ? rangeOf(text, token) : token;
      // "0.3%-0.8%": the range replaces its own first number.
      if (out.length > 0 && out[out.length - 1]!.start >= ranged.start) out.pop();
      out.push(ranged);
    }
    i = end - 1;
  }
  readChineseNumerals(text, out, limit);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Chinese numerals matter here only as amounts and rates: before 元, 块, 倍 or %, or after 百分之
 * ("三万元", "翻三倍", "百分之五"). Those anchors are found with indexOf, which is fast on any
 * text; a scan for the numerals themselves is not (they are common characters).
 */
const AMOUNT_AFTER = ['投', '回来', '分红', '返'];
const AMOUNT_AFTER_SKIP = charSet('资入了个能到');

/**
 * The token a Chinese numeral makes before its anchor: an amount (元 块 倍), a percentage (%), or
 * tenths ("三成" is 30%; only a single numeral, "十成" is no rate).
 */
function anchorToken(value: number, percent: boolean, tenths: boolean, start: number, at: number): NumberToken | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  if (tenths) return at - start === 1 && value < 10 ? { percent: true, value: value * 10, low: value * 10, start, end: at + 1 } : null;
  return { percent, value, low: value, start, end: percent ? at + 1 : at };
}

export function readChineseNumerals(text: string, out: NumberToken[], limit: number): void {
  for (const anchor of ['元', '块', '倍', '%', '成']) {
    for (let at = text.indexOf(anchor); at > 0 && out.length < limit; at = text.indexOf(anchor, at + 1)) {
      let start = at;
      while (start > 0 && CLASS[text.charCodeAt(start - 1)] === 2) start--;
      if (start === at) continue;
      const token = anchorToken(chineseNumeral(text.slice(start, at)), anchor === '%', anchor === '成', start, at);
      if (token) out.push(token);
    }
  }
  // Amounts said after a money verb with no unit at all: "投一万", "投资五万", "每周能回来一千五", "每月返三千".
  // Only numerals with a place (十百千万) count: "投一票" is not money.
  const seen = new Set(out.map((t) => t.start));
  for (const anchor of AMOUNT_AFTER) {
    for (let at = text.indexOf(anchor); at >= 0 && out.length < limit; at = text.indexOf(anchor, at + 1)) {
      let start = at + anchor.length;
      for (let k = 0; k < 2 && start < text.length && inSet(text.charCodeAt(start), AMOUNT_AFTER_SKIP); k++) start++;
      let end = start;
      while (end < text.length && CLASS[text.charCodeAt(end)] === 2) end++;
      if (end === start || seen.has(start)) continue;
      const words = text.slice(start, end);
      if (!/[十百千万亿]/.test(words)) continue;
      const value = chineseNumeral(words);
      if (Number.isFinite(value) && value > 0) { out.push({ percent: false, value, low: value, start, end }); seen.add(start); }
    }
  }
  for (let at = text.indexOf('百分之'); at >= 0 && out.length < limit; at = text.indexOf('百分之', at + 3)) {
    let end = at + 3;
    while (end < text.length && CLASS[text.charCodeAt(end)] === 2) end++;
    const value = end > at + 3 ? chineseNumeral(text.slice(at + 3, end)) : NaN;
    if (Number.isFinite(value) && value > 0) out.push({ percent: true, value, low: value, start: at, end });
  }
}

function rangeOf(text: string, t: NumberToken): NumberToken {
  const m = RANGE_BEFORE.exec(text.slice(Math.max(0, t.start - 16), t.start));
  if (!m) return t;
  const low = Number(m[1]);
  return low < t.value ? { ...t, low, start: t.start - m[0].length } : t;
}

// ---- numbers, from code units ----------------------------------------------------------------
//
// analyze() reads claims from the normaliser's code units: one pass finds the numbers (the tokens
// readNumbers finds in the decoded text, at the same offsets), and only the stretches around
// numbers that can make a claim are decoded to strings for the readers below. readNumbers stays
// as the reference the unit tests compare this with.

/** Code classes of the one pass: a digit, an anchor of Chinese numerals, 百, "(", a money verb (投 回 分). */
const SCAN_DIGIT = 1;
const SCAN_ANCHOR = 2;
const SCAN_BAI = 3;
const SCAN_PAREN = 4;
const SCAN = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) SCAN[c] = SCAN_DIGIT;
const ZH_ANCHORS = ['元', '块', '倍', '%', '成'].map((c) => c.charCodeAt(0));
const CHENG = '成'.charCodeAt(0);
for (const c of ZH_ANCHORS) SCAN[c] = SCAN_ANCHOR;
SCAN['百'.charCodeAt(0)] = SCAN_BAI;
const SCAN_VERB = 5;
const TOU = '投'.charCodeAt(0);
const HUI = '回'.charCodeAt(0);
const LAI = '来'.charCodeAt(0);
const HONG = '红'.charCodeAt(0);
const FAN = '返'.charCodeAt(0);
for (const c of [TOU, HUI, '分'.charCodeAt(0), FAN]) SCAN[c] = SCAN_VERB;
SCAN['('.charCodeAt(0)] = SCAN_PAREN;
const FEN = '分'.charCodeAt(0);
const ZHI = '之'.charCodeAt(0);
const WAN = '万'.charCodeAt(0);
const QIAN = '千'.charCodeAt(0);
const YI = '亿'.charCodeAt(0);

const isDigitCode = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;
/** A word character of a regular expression's \b: [A-Za-z0-9_]. */
const isRegexWordCode = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);

/** The string of codes[from, to): short stretches (a number, a few characters before it). */
function codesText(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(codes[i]!);
  return s;
}

/** Where DIGITS_AT's match at i (a digit) ends: "1,000.50" (1–3 digits, then ",ddd" groups) or "12.5". */
function digitsEnd(codes: Uint16Array, i: number): number {
  let p = i;
  while (isDigitCode(codes[p])) p++;
  if (p - i <= 3) {
    // The first alternative: no backtracking matters, as a shorter prefix is followed by a digit.
    let q = p;
    while (codes[q] === 44 && isDigitCode(codes[q + 1]) && isDigitCode(codes[q + 2]) && isDigitCode(codes[q + 3])) q += 4;
    if (q > p) p = q;
  }
  if (codes[p] === 46 && isDigitCode(codes[p + 1])) {
    p += 2;
    while (isDigitCode(codes[p])) p++;
  }
  return p;
}

/** The value of the digits codes[i, end) as readNumbers reads them (commas dropped). */
function digitsValue(codes: Uint16Array, i: number, end: number): number {
  if (end - i <= 15) {
    // Plain digits: exact in a double, and no string to make.
    let v = 0;
    let k = i;
    for (; k < end; k++) {
      const c = codes[k]!;
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (k === end) return v;
  }
  const m = codesText(codes, i, end);
  return Number(m.length > 3 ? m.replace(/,/g, '') : m);
}

/** What readNumberCodes found besides the numbers: whether a rate column "(%)" occurs. */
export interface NumberScan {
  tokens: NumberToken[];
  rateColumns: boolean;
}

/**
 * readNumbers(decode(codes), limit), read from the code units in one pass: the same tokens in the
 * same order (digits first, then Chinese numerals by anchor, sorted by start).
 */
export function readNumberCodes(codes: Uint16Array, limit: number): NumberScan {
  const out: NumberToken[] = [];
  const n = codes.length;
  // Anchors of Chinese numerals with a numeral before them (the others make nothing), and 百分之.
  const anchors: number[] = [];
  const bai: number[] = [];
  const verbs: number[] = [];
  let rateColumns = false;
  let nextBai = 0;
  for (let i = nextScanned(codes, 0, n); i < n; i = nextScanned(codes, i + 1, n)) {
    const kind = SCAN[codes[i]!]!;
    if (kind === SCAN_DIGIT) {
      if (out.length >= limit) continue;
      // Reading goes on past the number, as in readNumbers; only a percent sign it took can be an
      // anchor inside it ("3千%": 千% is read as a Chinese numeral too).
      const end = readDigitsAt(codes, i, out);
      if (codes[end - 1] === 37 && CLASS[codes[end - 2]!] === 2) anchors.push(end - 1);
      i = end - 1;
    } else if (kind === SCAN_ANCHOR) {
      if (i > 0 && CLASS[codes[i - 1]!] === 2) anchors.push(i);
    } else if (kind === SCAN_VERB) {
      // AMOUNT_AFTER: 投, 回来, 分红, 返 (anchor 0, 1, 2, 3), each kept with where its amount would start.
      const c = codes[i]!;
      if (c === TOU) verbs.push(0, i + 1);
      else if (c === HUI && codes[i + 1] === LAI) verbs.push(1, i + 2);
      else if (c === FEN && codes[i + 1] === HONG) verbs.push(2, i + 2);
      else if (c === FAN) verbs.push(3, i + 1);
    } else if (kind === SCAN_BAI) {
      if (i >= nextBai && codes[i + 1] === FEN && codes[i + 2] === ZHI) {
        bai.push(i);
        nextBai = i + 3;
      }
    } else if (codes[i + 1] === 37 && codes[i + 2] === 41) rateColumns = true;
  }
  // readChineseNumerals: anchor by anchor, each in order of position. (Its search stops at an
  // anchor that opens the text: none of that anchor is read.)
  for (const anchor of ZH_ANCHORS) {
    if (codes[0] === anchor) continue;
    for (let k = 0; k < anchors.length && out.length < limit; k++) {
      const at = anchors[k]!;
      if (codes[at] !== anchor) continue;
      let start = at;
      while (start > 0 && CLASS[codes[start - 1]!] === 2) start--;
      const token = anchorToken(chineseNumeral(codesText(codes, start, at)), anchor === 37, anchor === CHENG, start, at);
      if (token) out.push(token);
    }
  }
  // readChineseNumerals' amounts after a money verb, anchor by anchor, each in order of position.
  if (verbs.length > 0) {
    const seen = new Set(out.map((t) => t.start));
    for (let anchor = 0; anchor < AMOUNT_AFTER.length; anchor++) {
      for (let k = 0; k < verbs.length && out.length < limit; k += 2) {
        if (verbs[k] !== anchor) continue;
        let start = verbs[k + 1]!;
        for (let j = 0; j < 2 && start < n && inSet(codes[start]!, AMOUNT_AFTER_SKIP); j++) start++;
        let end = start;
        while (end < n && CLASS[codes[end]!] === 2) end++;
        if (end === start || seen.has(start)) continue;
        const words = codesText(codes, start, end);
        if (!/[十百千万亿]/.test(words)) continue;
        const value = chineseNumeral(words);
        if (Number.isFinite(value) && value > 0) {
          out.push({ percent: false, value, low: value, start, end });
          seen.add(start);
        }
      }
    }
  }
  for (let k = 0; k < bai.length && out.length < limit; k++) {
    const at = bai[k]!;
    let end = at + 3;
    while (end < n && CLASS[codes[end]!] === 2) end++;
    const value = end > at + 3 ? chineseNumeral(codesText(codes, at + 3, end)) : NaN;
    if (Number.isFinite(value) && value > 0) out.push({ percent: true, value, low: value, start: at, end });
  }
  return { tokens: out.sort((a, b) => a.start - b.start), rateColumns };
}

/** The first i' ≥ i where codes[i'] is of a class of the scan (or n): a small loop of its own, kept in registers. */
function nextScanned(codes: Uint16Array, i: number, n: number): number {
  while (i < n && SCAN[codes[i]!] === 0) i++;
  return i;
}

/** Last characters of RANGE_BEFORE's marks (-, –, ~, 至, 到, "to"): no range ends without one just before the number. */
const RANGE_END = charSet('-–~至到o');

/** readNumbers' step at the digit codes[i]: pushes its token (if any) and returns where reading goes on. */
function readDigitsAt(codes: Uint16Array, i: number, out: NumberToken[]): number {
  const prev = i > 0 ? codes[i - 1]! : 32;
  let end = digitsEnd(codes, i);
  let value = digitsValue(codes, i, end);
  const c = codes[end];
  if (c === WAN || c === QIAN || c === YI) {
    value *= c === WAN ? 10_000 : c === QIAN ? 1000 : 100_000_000;
    end += 1;
  } else if ((c === 107 || c === 109) && !isRegexWordCode(codes[end + 1])) {
    value *= c === 107 ? 1000 : 1_000_000;
    end += 1;
  }
  const gap = codes[end] === 32 && codes[end + 1] === 37 ? 1 : 0;
  const percent = codes[end + gap] === 37;
  if (percent) end += 1 + gap;
  if (!((prev >= 97 && prev <= 122) || prev === 46) && Number.isFinite(value)) {
    const token: NumberToken = { percent, value, low: value, start: i, end };
    let ranged = token;
    // RANGE_BEFORE ends in a mark and at most one space: read it only where one of the marks stands.
    if (inSet(prev, RANGE_MARK) && (inSet(prev, RANGE_END) || (i >= 2 && inSet(codes[i - 2]!, RANGE_END)))) {
      const from = Math.max(0, i - 16);
      const r = rangeOf(codesText(codes, from, i), { ...token, start: i - from });
      ranged = { ...r, start: r.start + from };
    }
    if (out.length > 0 && out[out.length - 1]!.start >= ranged.start) out.pop();
    out.push(ranged);
  }
  return end;
}

/**
 * Whether a token can make a claim: a percentage, a number mayBeMoney takes for money, or one
 * followed by the unit doublingAt reads. Any other number makes nothing (readClaimsFrom).
 */
function mayMakeClaim(codes: Uint16Array, num: NumberToken): boolean {
  if (num.percent) return true;
  for (let i = num.start; i < num.end; i++) if (inSet(codes[i]!, MULTIPLIER_CHARS)) return true;
  const after = codes[num.end + (codes[num.end] === 32 ? 1 : 0)];
  if (after !== undefined && (inSet(after, MONEY_AFTER) || after === 104 || after === 100 || after === 119)) return true;
  let b = num.start - 1;
  if (codes[b] === 32) b--;
  const c = codes[b];
  if (c === 36 || c === 0xa5 || c === 0xffe5) return true;
  if (c !== undefined && c >= 97 && c <= 122) {
    // /(?:usdt?|rmb|cny)$/ on the (up to) four letters ending at b.
    const word = codesText(codes, Math.max(0, b - 3), b + 1);
    if (/(?:usdt?|rmb|cny)$/.test(word)) return true;
  }
  for (let i = Math.max(0, num.start - 8); i < num.start; i++) if (inSet(codes[i]!, PAY_CHARS)) return true;
  return false;
}

/**
 * How far the readers look around a number: back (referralAt's 200 characters) and on past its
 * end (withdrawFeeAt's release in the next sentence, 100). A stretch decoded for a number holds all of this, so every reader sees
 * there what it would see in the whole text.
 */
const READ_BEFORE = 200;
const READ_AFTER = 100;

// ---- context --------------------------------------------------------------------------------

/** How far around a number the reader looks: a clause, not a page. */
const LEFT = 40;
const RIGHT = 48;
/** A clause ends at a sentence mark. Commas do not end it: "13% daily, for 9 days". */
const CLAUSE_END = /[。！？!?;；]/;

/** [start, end) widened to the words around it, up to a comma or sentence mark: what a quote shows. */
function phraseAround(text: string, start: number, end: number, left = 14, right = 12): [number, number] {
  // Latin words are longer than Chinese ones: an English phrase gets twice the room.
  if (/[a-z]/.test(text.slice(Math.max(0, start - 6), start) + text.slice(end, end + 6))) {
    left *= 2;
    right *= 3;
  }
  let s = start;
  while (s > 0 && start - s < left && !/[,，;；。!?！？:：\n]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && e - end < right && !/[,，;；。!?！？\n]/.test(text[e]!)) e++;
  // Never a piece of a word: a cut inside one moves to the word's edge.
  const letter = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);
  if (s > 0 && letter(text[s - 1]) && letter(text[s])) while (s < start && text[s] !== ' ') s++;
  if (e < text.length && letter(text[e]) && letter(text[e - 1])) while (e > end && text[e - 1] !== ' ') e--;
  while (s < start && text[s] === ' ') s++;
  while (e > end && text[e - 1] === ' ') e--;
  return [s, e];
}

const CLAUSE_END_CHARS = charSet('。！？!?;；');

// The clause around one number is asked for by several readers in turn: the last answer is kept.
let leftMemo: { text: string; at: number; clause: string } = { text: '', at: -1, clause: '' };
let rightMemo: { text: string; at: number; clause: string } = { text: '', at: -1, clause: '' };

function leftClause(text: string, at: number): string {
  if (leftMemo.at === at && leftMemo.text === text) return leftMemo.clause;
  leftMemo = { text, at, clause: computeLeftClause(text, at) };
  return leftMemo.clause;
}

function rightClause(text: string, at: number): string {
  if (rightMemo.at === at && rightMemo.text === text) return rightMemo.clause;
  rightMemo = { text, at, clause: computeRightClause(text, at) };
  return rightMemo.clause;
}

function computeLeftClause(text: string, at: number): string {
  let from = Math.max(0, at - LEFT);
  for (let i = at - 1; i >= from; i--) {
    if (inSet(text.charCodeAt(i), CLAUSE_END_CHARS)) {
      from = i + 1;
      break;
    }
  }
  return text.slice(from, at);
}

function computeRightClause(text: string, at: number): string {
  const to = Math.min(text.length, at + RIGHT);
  for (let i = at; i < to; i++) if (inSet(text.charCodeAt(i), CLAUSE_END_CHARS)) return text.slice(at, i);
  return text.slice(at, to);
}

const PERIOD_WORDS: [RegExp, Period][] = [
  [/^(?:hour|hr|h|小时|时)$/, 'hour'],
  [/^(?:day|d|天|日)$/, 'day'],
  [/^(?:week|wk|周|星期)$/, 'week'],
  [/^(?:month|mo|月|个月)$/, 'month'],
  [/^(?:year|yr|annum|年)$/, 'year'],
];

/** Hours in a term unit: the periods, and the seconds and minutes of binary options. */
function termHoursOf(word: string): number | null {
  const w = word.toLowerCase().replace(/s$/, '');
  if (/^(?:second|sec|秒)$/.test(w)) return 1 / 3600;
  if (/^(?:minute|min|分钟)$/.test(w)) return 1 / 60;
  const p = periodOf(w);
  return p === null ? null : HOURS_PER[p];
}

function periodOf(word: string): Period | null {
  const w = word.toLowerCase().replace(/s$/, '');
  for (const [re, p] of PERIOD_WORDS) if (re.test(w)) return p;
  if (/^hourly/.test(w)) return 'hour';
  if (/^daily/.test(w)) return 'day';
  if (/^weekly/.test(w)) return 'week';
  if (/^monthly/.test(w)) return 'month';
  if (/^(?:yearly|annual|annually|p\.?a\.?|apy|apr)$/.test(w)) return 'year';
  return null;
}

// The period right after a rate: "13% daily", "5% per day", "2%/hour", "3%每天", "5%的日收益".
const PERIOD_AFTER = /^\s?(?:(?:per|a|an|each|every|\/)\s?(hour|hr|h|day|d|week|wk|month|mo|year|yr|annum)\b|on the \w{1,5} of (?:every|each) (month|week)\b|(hourly|daily|weekly|monthly|yearly|annually|annual|p\.?a\.?|apy|apr)\b|(?:的)?(?:每|\/)?(小时|天|日|周|个月|月|年)(?!前|后|内|底|初|份|\d))/;
// The period before a rate, Chinese: 日收益5%, 月化30%, 每天收益3%, 每日返利 1.2%, 年化收益率高达 50%.
const ZH_PERIOD_BEFORE = /(?:^|[^\d个一二三四五六七八九十两])(每(?:小时|天|日|周|个月|月|年)|当日|当天|小时|日|周|月|年)(?:化|均)?(?:收益|回报|利润|利息|收入|分红|返利|盈利|返还|奖励|配息|获利|报酬|息|赚取?)?率?(?:可|能)?(?:高达|约|为|是|达到?|:|高至|稳定在|保持在|在|有|超过)?\s?$/;
// …or a little further before it, with no other number between: 每日按投资本金0.3%, 当日收益率普遍达8%.
const ZH_PERIOD_NEAR = /(?:^|[^\d个一二三四五六七八九十两])(每(?:小时|天|日|周|个月|月|年)|当日|当天|日化|月化|年化|日收益|月收益|周收益|日利润|日回报|月回报|一(?:周|天|个月)(?=能|就能|可以|可|就|多|赚|收益|回报))[^\d%。,;]{0,12}$/;
// …and English: "daily profit of 5%", "monthly return: 8%", "hourly roi 1.2%".
const EN_PERIOD_BEFORE = /\b(hourly|daily|weekly|monthly|annual|yearly|per day|a day)\s(?:profit|return|roi|interest|income|yield|earning|payout|reward|rate|gain|bonus|dividend)s?(?:\srate)?(?:\sof|\sis|\sup to|\sat least|\saround|\sabout|\sas high as)?\s?:?\s?$/;
// The term: "for 9 days", "after 12 hours", "within 48 hours", 周期30天, 为期 3 个月.
const TERM = /(?:^|\s|,)(for|during|after|in|within)\s?(\d+(?:\.\d+)?)\s?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b|(?:周期|期限|为期|投资期|到期时间|结算时间)[:为]?\s?(\d+)\s?(秒|分钟|小时|天|日|周|个月|年)|(\d+)\s?(秒|分钟|小时|天|个月)(?:后|到期|周期|内|结算)|\b(forever|lifetime|for life|unlimited)\b|(永久|终身)|\b(?:duration|term|period|lock(?:ed)? period)\s?:?\s?(\d+)\s?(days?|hours?|weeks?|months?)\b|^\s?\|?\s?(\d+)\s?(days?|hours?|weeks?|months?)\b/;

// A rate promised as a selling point, with no period: "回报率高达20%", "returns of up to 30%".
const PROMISED_RATE = /(?:回报率?|收益率?|利润率?|年化|returns?|roi|profits?|yield)\s?(?:高达|可达|最高可达|稳定在|保证|保底|of up to|up to|as high as|of at least|guaranteed)\s?$/;
const YEARLY_HEADING = /\b(?:apy|apr|annual|annually|annualized|annualised|per year|a year|p\.?a\.?)(?![a-z])|年化|年利率|年收益/;
const YEARLY_AFTER = /^\s?[(（]?(?:(?:近|最近|成立以来|过去)[^\d%]{0,4}?)?(?:年化|annuali[sz]ed|apy\b|apr\b|p\.?a\.?(?![a-z])|per annum|a year\b|per year\b)/;
const PAID_HOW_OFTEN = /frequency|payout schedule|paid out|distribution|发放频率|派发频率|派息频率|发放周期/;
const IN_THE_PAST = /今年|去年|过去|历史|上半年|前三季度|以来|since|last year|past|previous|history/;

// A plan's term written before its rate: "contract: 30 days … est roi: 15%", "周期30天 收益15%".
// Chinese products name a term and then an annualised rate ("60天收益6.8%" is 6.8% a year for a
// 60-day product), so only seconds and minutes, the terms of binary options, are read this way there.
// A fake options screen writes its seconds as "30S", "60S" (交割时间 60S 收益率 15%); "s" is read as
// seconds only before a Chinese word of return ("in their 30s, 5% more" is no term).
const TERM_BEFORE = /(\d+)\s?(seconds?|minutes?|days?|hours?|weeks?|months?|秒|分钟|s(?![a-z]))[^\d%]{0,30}$/;

// A return is something paid to the investor. Without one of these words nearby a rate is a
// market move, a discount or a statistic, not a promise.
const RETURN_WORDS = /profit|return|roi\b|interest|earn|yield|income|payout|reward|dividend|bonus|plan|invest|deposit|compound|receive|\bpays?\b|\bpaid\b|收益|多出|多拿|回报|利润|利息|赚|返|分红|盈利|收入|理财|投资|日化|月化|年化|本金|入金|配息|获利|报酬|月息|日息/;
// …and these say it is not a promise we should read as one: a loan's rate, a price or market
// move, a statistic, a tax, or performance in the past.
const NOT_A_PROMISE = /loan|borrow|credit|mortgage|inflation|unemploy|gdp|discount|\boff\b|tax|vat|贷|借|通胀|税|优惠|罚息|逾期|违约|费率|手续费|降息|加息|存款利率|利率/;
// A move of a price or a figure right before the number: "fell 3%", "涨5%", "同比增长12%".
const A_MOVE = /fell|fall|drop|declin|rose|rise|jump|surg|plung|slid|grew|gained|returned|growth|跌|涨|增长|下降|上升|同比|环比|增幅|降幅|折/;

// The head of a plans table whose rows are "name | rate | term | min | max".
const PLANS_HEAD = /\b(?:plans?|percent|profit|roi|returns?|interest)\b[^.!?]{0,60}\b(?:term|duration|period|days)\b/;

// A rise promised, not reported: "下周至少涨50%", "will rise at least 30% next week".
const PROMISED_MOVE = /(?:至少|起码|最少|保证|一定|肯定|必|绝对)(?:能|会|可以)?(?:涨|上涨|翻)\s?$|\b(?:guaranteed to|will definitely|will surely|will certainly|is sure to|are sure to) (?:rise|go up|jump|climb|gain|grow) (?:by )?(?:at least )?$|\bwill (?:rise|go up|jump|climb|gain|grow) (?:by )?at least $/;
const SOON: [RegExp, Period][] = [
  [/明天|明日|tomorrow/, 'day'],
  [/下周|这周|本周|一周内|下星期|next week|this week|within a week/, 'week'],
  [/下个月|这个月|本月|一个月内|next month|this month|within a month/, 'month'],
];
const GUARANTEED = /guarantee|保本|保底|保证|稳赚|包赚/;

function promisedMoveAt(text: string, num: NumberToken, left: string): ReturnClaim | null {
  const m = PROMISED_MOVE.exec(left);
  if (!m) return null;
  const around = left + ' ' + rightClause(text, num.end).slice(0, 16);
  const soon = SOON.find(([re]) => re.test(around));
  // With no time said, the kindest reading: a year.
  const period = soon ? soon[1] : 'year';
  const start = num.start - (left.length - m.index);
  return { kind: 'return', start, end: num.end, rate: num.low, rateHigh: num.value, period, termHours: null, forever: false, yearly: num.low * (HOURS_PER.year / HOURS_PER[period]) };
}

function returnAt(text: string, num: NumberToken): ReturnClaim | null {
  const left = leftClause(text, num.start);
  const right = rightClause(text, num.end);
  if (NOT_A_PROMISE.test(left.slice(-24))) return null;
  if (num.percent && PROMISED_MOVE.test(left)) return promisedMoveAt(text, num, left);
  if (A_MOVE.test(left.slice(-8))) return null;
  let period: Period | null = null;
  let after = PERIOD_AFTER.exec(right);
  // A table whose columns say its rates are yearly and how often they are paid: "Reward rate (APY) |
  // Reward frequency … up to 13.1% | Daily" is 13.1% a year, paid out daily (the normaliser has
  // turned the cells' line breaks into spaces, so the headings decide).
  if (after) {
    const heading = text.slice(Math.max(0, num.start - 200), num.start);
    if (YEARLY_HEADING.test(heading) && PAID_HOW_OFTEN.test(heading)) after = null;
  }
  if (after) period = periodOf(after[1] ?? after[2] ?? after[3] ?? after[4] ?? '');
  // A rate labelled yearly right after it ("1.86% 近七日年化", "3.05% 成立以来年化", "4.2% APY") is
  // yearly whatever period word stands before it ("每日开放" is a fund open for redemption daily).
  if (!after && YEARLY_AFTER.test(right)) period = 'year';
  if (period === null) {
    const zh = ZH_PERIOD_BEFORE.exec(left) ?? ZH_PERIOD_NEAR.exec(left);
    const en = EN_PERIOD_BEFORE.exec(left);
    if (zh) period = periodOf(zh[1]!.replace(/^(?:每|当|一)/, '').replace(/(?:化|收益|利润|回报)$/, '').replace(/^天$/, '天'));
    else if (en) period = periodOf(en[1]!.replace(/^(?:per|a) /, ''));
  }
  let termHours: number | null = null;
  let forever = false;
  let perTerm = false;
  let bareTerm = false;
  const term = TERM.exec(right);
  if (term) {
    if (term[8] || term[9]) forever = true;
    else {
      const amount = Number(term[2] ?? term[4] ?? term[6] ?? term[10] ?? term[12]);
      const unit = termHoursOf(term[3] ?? term[5] ?? term[7] ?? term[11] ?? term[13] ?? '');
      if (unit !== null && amount > 0) {
        termHours = amount * unit;
        // "10% after 12 hours": the whole rate is paid once, at the end of the term.
        perTerm = term[1] === 'after' || term[1] === 'in' || term[1] === 'within' || /后|到期|结算/.test(term[0]) || (term[5] !== undefined && unit < 1);
        // A bare term in the next cell of a plans table ("Silver | 3.5% | 15 days") is read the
        // kindest way, as the whole rate over the term, and only where a word of return or plan stands.
        if (term[12] !== undefined) {
          bareTerm = true;
          perTerm = period === null;
        }
      }
    }
  }
  // A rate with a period and a term ("1% hourly forever", "10% after 12 hours") is a plan's
  // promise by its shape; otherwise a word of return must stand in the clause.
  const shaped = !bareTerm && ((period !== null && (termHours !== null || forever)) || perTerm);
  if (!shaped && !RETURN_WORDS.test(left + ' ' + right) && !(bareTerm && PLANS_HEAD.test(text.slice(Math.max(0, num.start - 190), num.start)))) return null;
  if (period === null && termHours === null && !forever) {
    const before = TERM_BEFORE.exec(left);
    const unit = before ? (before[2] === 's' ? 1 / 3600 : termHoursOf(before[2]!)) : null;
    const returnWord = before?.[2] === 's' ? /收益|回报|利润|盈利/ : /roi\b|return|profit|payout|收益|回报|利润|盈利/;
    if (before && unit !== null && returnWord.test(left.slice(before.index) + right.slice(0, 12))) {
      termHours = Number(before[1]) * unit;
      perTerm = true;
    }
  }
  let yearly: number;
  if (period !== null) yearly = num.low * (HOURS_PER.year / HOURS_PER[period]);
  else if (perTerm && termHours !== null) yearly = num.low * (HOURS_PER.year / termHours);
  else if (PROMISED_RATE.test(left) && !IN_THE_PAST.test(left)) {
    // "回报率高达20%", "returns of up to 30%": a rate promised with no period is read as yearly,
    // the kindest reading; only a high one counts.
    yearly = num.low;
    period = 'year';
  } else return null;
  const before = period !== null && !after ? (ZH_PERIOD_BEFORE.exec(left) ?? ZH_PERIOD_NEAR.exec(left) ?? EN_PERIOD_BEFORE.exec(left)) : null;
  const guaranteed = GUARANTEED.test(left.slice(-30) + ' ' + right.slice(0, 30));
  return {
    ...(guaranteed ? { guaranteed: true as const } : {}),
    kind: 'return',
    // The claim quotes its period word too: "日收益5%", "daily profit of 5%".
    start: before ? num.start - before[0].length + before[0].indexOf(before[1]!) : num.start,
    end: num.end + Math.max(after ? after[0].length : 0, term ? term.index + term[0].length : 0),
    rate: num.low,
    rateHigh: num.value,
    period,
    termHours,
    forever,
    yearly,
  };
}

// "doubles in 48 hours", "2x in 7 days", "翻3倍", "3倍收益 7天": a multiple of the money in a term.
const MULTIPLE_AFTER = /^\s?(?:x|×|倍)/;

function multipleAt(text: string, num: NumberToken): ReturnClaim | null {
  const right = rightClause(text, num.end);
  if (!MULTIPLE_AFTER.test(right) || num.value < 1.5 || num.value > 1000) return null;
  // Part of a code ("ESTA-0875X", "A12x"), or written with a leading zero: not a multiple.
  if (/[a-z_\-/#]/.test(text.charAt(num.start - 1)) || /^0\d/.test(text.slice(num.start, num.start + 2))) return null;
  const term = TERM.exec(right);
  const amount = term ? Number(term[2] ?? term[4] ?? term[6]) : NaN;
  const unit = term ? termHoursOf(term[3] ?? term[5] ?? term[7] ?? '') : null;
  if (unit === null || !(amount > 0)) return null;
  const termHours = amount * unit;
  const rate = (num.value - 1) * 100;
  return returnClaim(num.start, num.end + term!.index + term![0].length, rate, termHours);
}

function returnClaim(start: number, end: number, rate: number, termHours: number): ReturnClaim {
  return { kind: 'return', start, end, rate, rateHigh: rate, period: null, termHours, forever: false, yearly: rate * (HOURS_PER.year / termHours) };
}

/** "double your money in 48 hours": doubling words followed by a term, with no number before. */
// "double your money in 48 hours": a doubling word, then the term. Read at the term's number, so
// text without one costs nothing.
const DOUBLING_BEFORE = /\b(doubl|tripl|quadrupl)\w*[^.!?;。！？]{0,40}\b(?:in|within|after)\s?$/;
const TERM_UNIT_AFTER = /^\s?(hours?|hrs?|days?|weeks?)\b/;

function doublingAt(text: string, num: NumberToken): ReturnClaim | null {
  const unitChar = text.charCodeAt(num.end + (text.charCodeAt(num.end) === 32 ? 1 : 0));
  if (unitChar !== 104 && unitChar !== 100 && unitChar !== 119) return null; // h, d, w
  const unit = TERM_UNIT_AFTER.exec(text.slice(num.end, num.end + 8));
  const period = unit ? periodOf(unit[1]!) : null;
  if (!unit || !period) return null;
  const left = text.slice(Math.max(0, num.start - 60), num.start);
  const m = DOUBLING_BEFORE.exec(left);
  if (!m) return null;
  const factor = m[1] === 'doubl' ? 2 : m[1] === 'tripl' ? 3 : 4;
  return returnClaim(num.start - left.length + m.index, num.end + unit[0].length, (factor - 1) * 100, num.value * HOURS_PER[period]);
}

// ---- money ----------------------------------------------------------------------------------

const CURRENCY_BEFORE = /(?:\$|¥|￥|rmb|usd|usdt|cny)\s?$/;
const CURRENCY_AFTER = /^\s?(美元|元|块|usdt|usd|rmb|cny|u\b|trx|eth|btc|dollars?)/;

function currencyOf(text: string, num: NumberToken): string | null {
  const before = CURRENCY_BEFORE.exec(text.slice(Math.max(0, num.start - 6), num.start));
  if (before) return /\$|usd$|usd\s$/.test(before[0]) ? (before[0].includes('usdt') ? 'USDT' : 'USD') : before[0].includes('usdt') ? 'USDT' : 'CNY';
  const after = CURRENCY_AFTER.exec(text.slice(num.end, num.end + 8));
  if (!after) return null;
  const w = after[1]!;
  if (w === '元' || w === '块' || w === 'rmb' || w === 'cny') return 'CNY';
  if (w === '美元' || w === 'usd' || w.startsWith('dollar')) return 'USD';
  if (w === 'u' || w === 'usdt') return 'USDT';
  return w.toUpperCase();
}

function inYuan(amount: number, currency: string): number | null {
  if (currency === 'CNY') return amount;
  if (currency === 'USD' || currency === 'USDT') return amount * 7;
  return null;
}

const PAY_WORDS = /salary|wage|pay|paid|earn|income|make|commission|薪|工资|收入|赚|结算|日结|提成|佣金|报酬|奖励|返|收益/;
const PER_WORK = /(?:per|each|every|a|for each|for every)\s(order|task|like|review|rating|click|video|mission|assignment|sms|message|captcha|form|entry)s?\b|(?:每|一)(单|个任务|条任务|个赞|个点赞|次点赞|条评论|个订单|笔订单|次任务|条|个视频)/;
const PER_TIME_AFTER = /^\s?(?:\/\s?|per\s|a\s|an\s|each\s|every\s)(hour|hr|day|week|month)\b|^\s?(hourly|daily|weekly|monthly)\b|^\s?(?:\/|每)(小时|天|日|周|月)/;
// …and a machine's or contract's output per day (日产出2.9 USDT, "daily output 4 USDT"): paid on a rent, a return.
const PER_TIME_BEFORE = /(日结|日薪|月薪|时薪|周薪|年薪|日入|月入|日赚|月赚|每日产出|每天产出|日产出|每天|每日|每周|每月|每个月|每小时|一天|一周|一个月|daily output|daily|monthly|weekly|hourly)[^\d]{0,6}$/;

const INCOME_PER_TIME_BEFORE = /((?:hourly|daily|weekly|monthly) (?:income|profit|earnings?|returns?|rewards?|payout)s?)[^\d]{0,6}$/;

function payAt(text: string, num: NumberToken, currency: string | null, needPayWord = true): PayClaim | null {
  const left = leftClause(text, num.start);
  const right = rightClause(text, num.end);
  if (!currency && !num.percent) {
    // 日结300, 月薪3万: Chinese pay figures often go without a currency.
    if (!/(日结|日薪|月薪|时薪|周薪|底薪|工资)[^\d]{0,4}$/.test(left)) return null;
    currency = 'CNY';
  }
  const cur = num.percent ? '%' : currency!;
  if (needPayWord && !PAY_WORDS.test(left + right)) return null;
  const rest = right.replace(CURRENCY_AFTER, '');
  const after = PER_TIME_AFTER.exec(rest);
  // On a stake (needPayWord false), "daily income 15 USDT" is what the stake pays each day; alone,
  // "estimated daily income $11" of a machine one buys is no wage.
  const before = PER_TIME_BEFORE.exec(left) ?? (needPayWord ? null : INCOME_PER_TIME_BEFORE.exec(left));
  // The unit next to the amount decides: "每单佣金5%，日结300元" is 5% per order and 300 a day.
  const work = PER_WORK.exec(rest.slice(0, 16)) ?? PER_WORK.exec(left.slice(-14));
  if (work && !after && !(before && before.index + before[0].length >= left.length - 2)) {
    const unit = work[1] ?? work[2] ?? '';
    const per: PayUnit = /like|赞|评论|click|video|视频|rating|review/.test(unit) ? 'like' : /order|单|订单/.test(unit) ? 'order' : 'task';
    const [start, end] = phraseAround(text, num.start, num.end, 10, 8);
    return { kind: 'pay', start, end, amount: num.value, currency: cur, yuan: num.percent ? null : inYuan(num.value, cur), per };
  }
  if (num.percent) return null;
  const word = after ? (after[1] ?? after[2] ?? after[3]) : before ? before[1]!.replace(/^(?:每|一个?|日结)/, (m) => (m === '日结' ? '日' : '')).replace(/(?:薪|入|赚|产出)$/, '') : null;
  const per = word ? periodOf(word) : null;
  if (!per) return null;
  const end = num.end + (after ? right.length - rest.length + after[0].length : 0);
  return { kind: 'pay', start: before && !after ? num.start - before[0].length : num.start, end, amount: num.value, currency: cur, yuan: inYuan(num.value, cur), per };
}

const MIN_WORDS = /(?:min(?:imum)?|at least|from|最低|起投|起充|最少|至少|起步|门槛)[^\d]{0,24}$/;
const MAX_WORDS = /(?:max(?:imum)?|up to|最高|最多|上限)[^\d]{0,24}$/;
const DEPOSIT_WORDS = /deposit|invest|stake|plan|amount|充值|投资|入金|存入|本金|起投|起充|额度|金额|认购/;

function depositAt(text: string, num: NumberToken, currency: string | null): DepositClaim | null {
  if (!currency) return null;
  const left = leftClause(text, num.start).slice(-28);
  const word = MIN_WORDS.exec(left) ?? MAX_WORDS.exec(left);
  const trailing = word === null ? /^\s?(min(?:imum)?|max(?:imum)?|起投|起充|起)/.exec(rightClause(text, num.end).replace(CURRENCY_AFTER, '')) : null;
  const bound = word !== null ? (/^(?:max|up to|最高|最多|上限)/.test(word[0]) ? 'max' : 'min') : trailing ? (trailing[1]!.startsWith('max') ? 'max' : 'min') : null;
  const wide = text.slice(Math.max(0, num.start - 80), num.end + 40);
  if (!bound || !(DEPOSIT_WORDS.test(wide) || RETURN_WORDS.test(wide))) return null;
  const restStart = rightClause(text, num.end).length - rightClause(text, num.end).replace(CURRENCY_AFTER, '').length;
  return { kind: 'deposit', start: word ? num.start - (left.length - word.index) : num.start, end: word ? num.end : num.end + restStart + trailing![0].length, bound, amount: num.value, currency };
}

const LEVEL_BEFORE = /(?:level|lvl|tier|generation|gen|layer)\s?(\d)\b[^\d%]{0,16}$|(\d)(?:st|nd|rd|th)\s(?:level|generation|tier|line)[^\d%]{0,16}$|([一二三四五六七八九])(?:级|代|层)[^\d%]{0,10}$|(直推|间推|一代|二代|三代)[^\d%]{0,10}$/;
const REFERRAL_WORDS = /refer|invite|affiliate|commission|bonus|downline|partner|推荐|邀请|返佣|佣金|奖励|下级|下线|团队|推广|分成|返利/;

// Paid for the people you bring in: "5% of every deposit of your referral", "邀请好友返佣10%".
const REFERRAL_PAY = /referr|affiliate|invite|downline|推荐|邀请|下级|下线|返佣|拉人/;
const ON_DEPOSITS = /deposit|invest|upgrade|purchase|充值|投资|入金|购买|升级/;
// Of the above, the ones that are money put in rather than goods bought (an affiliate's share of a
// purchase is ordinary affiliate marketing).
const ON_MONEY_IN = /deposit|invest|upgrade|充值|投资|入金|升级|存入/;

// The level after the rate: "10% on the first level, 3% on the second and 1% on the third".
const LEVEL_AFTER = /^\s?(?:of|on|for|from|at)?\s?(?:the\s|your\s)?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)(\s(?:level|line|tier|generation)s?)?\b/;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

function levelAfter(text: string, num: NumberToken, left: string): ReferralClaim | null {
  const m = LEVEL_AFTER.exec(text.slice(num.end, num.end + 30));
  if (!m) return null;
  // "the second" alone is a level only where a level word was just said ("… first level, 3% on the second").
  if (!m[2] && !/\b(?:level|line|tier|generation)s?\b/.test(left.slice(-80))) return null;
  const wide = text.slice(Math.max(0, num.start - 200), num.end + 40);
  if (!REFERRAL_WORDS.test(wide)) return null;
  const word = m[1]!;
  const level = /^\d/.test(word) ? Number(word[0]) : ORDINALS.indexOf(word) + 1;
  return { kind: 'referral', start: num.start, end: num.end + m[0].length, level, rate: num.value, onDeposits: ON_MONEY_IN.test(wide) };
}

function referralAt(text: string, num: NumberToken): ReferralClaim | null {
  if (!num.percent) return null;
  const left = leftClause(text, num.start);
  const m = LEVEL_BEFORE.exec(left);
  if (!m) {
    const tier = levelAfter(text, num, left);
    if (tier) return tier;
    const near = left.slice(-60) + ' ' + rightClause(text, num.end).slice(0, 40);
    if (!REFERRAL_PAY.test(near) || !ON_DEPOSITS.test(near) || !PAY_WORDS.test(near)) return null;
    const [start, end] = phraseAround(text, num.start, num.end);
    return { kind: 'referral', start, end, level: 0, rate: num.value, onDeposits: ON_MONEY_IN.test(near) };
  }
  if (!REFERRAL_WORDS.test(text.slice(Math.max(0, num.start - 200), num.end + 40))) return null;
  const word = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
  const level = /^\d$/.test(word) ? Number(word) : word === '直推' || word === '一代' ? 1 : word === '间推' || word === '二代' ? 2 : word === '三代' ? 3 : chineseNumeral(word);
  if (!(level >= 1 && level <= 20)) return null;
  const wide = text.slice(Math.max(0, num.start - 200), num.end + 40);
  return { kind: 'referral', start: num.start - m[0].length, end: num.end, level, rate: num.value, onDeposits: ON_MONEY_IN.test(wide) };
}

const WITHDRAW = /withdraw|cash out|payout|(?:releas|unlock)\w* (?:your |the |of )?(?:funds|money|balance|profit|account|assets)|(?:funds|money|balance|profits?|assets) (?:can|will|may|could) be (?:released|unlocked|paid out|credited)|unfreez|提现|出金|出款|取款|提款|提领|解冻|到账|转回(?:您的|你的)?(?:银行|账户|帐户)/;
/** How far back in its sentence a withdrawal may be named before a fee ("Before the funds can be released, … tax (15%)"). */
const WITHDRAW_LEFT = 100;

/** The sentence before `at`, up to WITHDRAW_LEFT characters: back to a clause end or a full stop before a space. */
function sentenceLeft(text: string, at: number): string {
  const from = Math.max(0, at - WITHDRAW_LEFT);
  for (let i = at - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (inSet(c, CLAUSE_END_CHARS) || (c === 0x2e && i + 1 < at && text.charCodeAt(i + 1) === 0x20)) return text.slice(i + 1, at);
  }
  return text.slice(from, at);
}
const RELEASED_AFTER = /(?:balance|funds|money|profits?|assets|account|withdrawal) (?:will|can|shall) (?:then )?be (?:released|unlocked|unfrozen|credited to you|paid out|processed)|released to you|(?:解冻|到账|出金|提现)/;
const FEE_WORDS = /tax|fee|charge|deposit|pay|unfreez|margin|税|费|保证金|解冻金|缴纳|交纳|支付|充值|补交|补缴/;
const FEE_BESIDE = /tax|fee|charge|margin|unfreez|税|费|保证金|解冻金|押金/;
/** A deposit asked for in order to withdraw: the two joined by "to", "before", 才, 后 …, not two buttons side by side. */
const DEPOSIT_TO_WITHDRAW = /(?:deposit|充值|补交|缴纳|交纳)[^|\n]{0,30}?(?:\bto\b|\bbefore\b|\bthen\b|\buntil\b|\bso\b|才|方可|后|再|以便|否则)[^|\n]{0,30}?(?:withdraw|cash out|unfreez|提现|出金|取款|提款|解冻|到账)/;
const ASKED_TO_PAY = /pay|缴纳|交纳|支付(?!宝)|充值|补交|补缴|先交|需交|要交|需要交|需缴|需支付|must|need|required|require/;
// …and tax the platform withholds for you (代扣代缴) is not a fee you are asked for.
const NOT_A_FEE = /free|no fee|without fee|免费|免手续费|0手续费|零手续费|没有|不收|无需|无须|不需要|代扣代缴|代缴/;

const WITHDRAW_MINIMUM = /(?:满|最低|最少|起提|min(?:imum)?(?: withdrawal)?(?: amount)?(?: is)?:?|at least)\s?(?:\$|¥|￥)?\s?$/;

function withdrawFeeAt(text: string, num: NumberToken, currency: string | null): WithdrawFeeClaim | null {
  if (!currency && !num.percent) return null;
  const left = leftClause(text, num.start);
  const right = rightClause(text, num.end).slice(0, 50);
  const near = left + ' ' + right;
  if (!FEE_WORDS.test(near) || NOT_A_FEE.test(near)) return null;
  // "no deposit or withdrawal fees; … 0.2% on transfers": a fee the sentence has just said is not charged.
  const sentence = sentenceLeft(text, num.start);
  // The release may be promised in the next sentence: "Kindly pay the tax of 20%. Once confirmed,
  // your full balance will be released."
  if (NOT_A_FEE.test(sentence) || (!WITHDRAW.test(near) && !WITHDRAW.test(sentence) && !RELEASED_AFTER.test(text.slice(num.end, num.end + 100)))) return null;
  // The amount is the fee itself: a fee word beside it ("a 10% fee", 缴纳20%税费), or a deposit
  // demanded before withdrawing ("deposit 30% more to withdraw"); not a rate that merely shares
  // a sentence with "deposit" and "withdraw" ("pays 4.3% APY; … withdraw at any time").
  // A balance of nothing is not a fee ("Total balance: $0.00 Deposit | Withdraw").
  if (num.value <= 0) return null;
  // "满50元可提现", "minimum withdrawal $10": the least you may withdraw, unless a deposit is asked
  // for it (充值满500元才能提现 stays a fee).
  if (WITHDRAW_MINIMUM.test(left.slice(-10)) && !/充值|缴|交|付|deposit|pay/.test(left.slice(-14))) return null;
  const beside = left.slice(-24) + ' ' + right.slice(0, 32);
  if (!FEE_BESIDE.test(beside) && !DEPOSIT_TO_WITHDRAW.test(left.slice(-24) + ' # ' + right)) return null;
  // The fee must be asked for: a verb of paying next to the amount, not a fee table or a row of
  // buttons ("120.00 USDT  Deposit  Withdraw … Withdrawal fee 1 USDT").
  if (!ASKED_TO_PAY.test(sentence.slice(-60) + ' ' + right) && !/deposit|充值/.test(beside)) return null;
  const [start, end] = phraseAround(text, num.start, num.end);
  return { kind: 'withdrawFee', start, end, amount: num.value, currency: num.percent ? '%' : currency! };
}

// Money that grows: "先投2万，跟单48小时，账户显示6万", "invest $500 and receive $5,000 in 7 days".
const GAIN_WORDS = /显示|变成|变为|得到|可得|获得|能得|拿到|到手|回报|收益|返还|返|赚|领回|拿回|取回|收回|回购|receive|get|got|gotten|made|taken out|took out|earn|return|become|turn into|grow to|payout|withdraw|flip|turn (?:it|that|them) into|grow (?:it|that) (?:in)?to|涨到|涨至|升到/;
const TERM_ANY = /(\d+(?:\.\d+)?|\ba\b|\bone\b)\s?(seconds?|minutes?|hours?|hrs?|days?|weeks?|months?|秒|分钟|小时|天|日|周|个月)/;

/** A second amount, larger than the first, promised for it within a term: a return. */
function growthAt(text: string, first: NumberToken, second: NumberToken): ReturnClaim | null {
  const between = text.slice(first.end, second.start);
  if (between.length > 60 || CLAUSE_END.test(between) || between.includes('\n') || second.value <= first.low * 1.05 || second.value > first.low * 1000) return null;
  const after = text.slice(second.end, second.end + 24);
  if (!GAIN_WORDS.test(between)) return null;
  // A rate or a second figure between the amounts is a table row read across its cells ("5 万元 …
  // 0.50%–5.80% 365 天 10 万": a product's minimum, its rate, its term and the next one's minimum),
  // not money that grows: the normaliser has turned the cells' line breaks into spaces.
  if (between.includes('%') || (between.match(/\d+(?:\.\d+)?/g) ?? []).length > 1) return null;
  const inBetween = TERM_ANY.exec(between);
  const term = inBetween ?? TERM_ANY.exec(after);
  // "11月12日" is a date, not a term of 12 days.
  if (term && term.index > 0 && /[月年]/.test((inBetween ? between : after).charAt(term.index - 1))) return null;
  const unit = term ? termHoursOf(term[2]!) : null;
  // "within a week": one of the unit.
  const count = term ? (/^\d/.test(term[1]!) ? Number(term[1]) : 1) : 0;
  if (!term || unit === null || !(count > 0)) return null;
  const end = inBetween ? second.end : second.end + term.index + term[0].length;
  return returnClaim(first.start, end, (second.value / first.low - 1) * 100, count * unit);
}

// "投一万每周能回来一千五", "invest $1,000 and earn $50 a day", 投资五万元…每月固定分红2000元: an
// amount put in, then a smaller amount paid on it every period. The ratio is the promised rate.
// A rent paid for a machine or a contract is a stake too (cloud mining: 租金58 USDT … 日产出2.9 USDT).
const STAKE_BEFORE = /(?:投|投资|投入|认购|存入|预存|入金|租金|合约价格?|买一台|一台|每台|一份|每份|购买|invest(?:ing)?|put(?:ting)? in|deposit(?:ing)?|stake|staking|rent|rental price|contract price)\s?(?:了|个|的|只需|only)?\s?:?\s?(?:\$|¥|￥|usdt?|rmb)?\s?$/;
const INCOME_BETWEEN = /回来|回报|收益|收入|利润|分红|利息|赚|返|到手|拿|发放|领取|补贴|产出|earn|get|receive|make|return|pays?|yield|dividend|interest|output|income|profit/;

function incomeOnStakeAt(text: string, first: NumberToken, pay: PayClaim, second: NumberToken): ReturnClaim | null {
  if (pay.per !== 'hour' && pay.per !== 'day' && pay.per !== 'week' && pay.per !== 'month') return null;
  const between = text.slice(first.end, second.start);
  if (between.length > 40 || CLAUSE_END.test(between) || !INCOME_BETWEEN.test(between + text.slice(second.end, second.end + 8))) return null;
  if (!STAKE_BEFORE.test(text.slice(Math.max(0, first.start - 16), first.start))) return null;
  if (!(second.value < first.low && second.value > 0)) return null;
  const rate = (second.value / first.low) * 100;
  return { kind: 'return', start: first.start, end: pay.end, rate, rateHigh: rate, period: pay.per, termHours: null, forever: false, yearly: rate * (HOURS_PER.year / HOURS_PER[pay.per]) };
}

/**
 * A cheap first look at a number that is not a percentage: a currency sign or word beside it, a
 * multiple ("2x", "3倍") or a pay word just before it. Most numbers (dates, counts, prices in
 * news) fail it and cost nothing more.
 */
function mayBeMoney(text: string, num: NumberToken): boolean {
  // Character tests only: this runs for every number on the page.
  for (let i = num.start; i < num.end; i++) if (inSet(text.charCodeAt(i), MULTIPLIER_CHARS)) return true;
  const after = text.charCodeAt(num.end + (text.charCodeAt(num.end) === 32 ? 1 : 0));
  if (inSet(after, MONEY_AFTER)) return true;
  let b = num.start - 1;
  if (text.charCodeAt(b) === 32) b--;
  const c = text.charCodeAt(b);
  if (c === 36 || c === 0xa5 || c === 0xffe5) return true; // $ ¥ ￥
  if (c >= 97 && c <= 122) {
    const word = text.slice(Math.max(0, b - 3), b + 1);
    if (/(?:usdt?|rmb|cny)$/.test(word)) return true;
  }
  for (let i = Math.max(0, num.start - 8); i < num.start; i++) if (inSet(text.charCodeAt(i), PAY_CHARS)) return true;
  return false;
}
const MULTIPLIER_CHARS = charSet('万千百');
const PAY_CHARS = charSet('薪结资入赚益红返息');
const MONEY_AFTER = charSet('元块美uxdtebk倍×');

// Plans tables put the percent sign in the column head: "Daily Profit (%) … 1.20", 日收益(%) 1.2.
const RATE_COLUMN = /\b(hourly|daily|weekly|monthly)\s(?:profit|return|roi|interest|percent(?:age)?|rate)s?\s?\(%\)|(每日|日|每周|周|每月|月)(?:收益|利润|回报|收益率)\s?\(%\)/g;
const FIRST_NUMBER = /(?:^|[^\d.])(\d{1,3}(?:\.\d{1,3})?)(?![\d%])/;

function readRateColumns(text: string, out: Claim[], limit: number): void {
  if (text.indexOf('(%)') < 0) return;
  RATE_COLUMN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RATE_COLUMN.exec(text)) !== null && out.length < limit) {
    const period = periodOf((m[1] ?? m[2] ?? '').replace(/^每/, ''));
    // Amounts in the same row ("$10.00 - $100.00") are blanked out, keeping offsets.
    const after = text.slice(RATE_COLUMN.lastIndex, RATE_COLUMN.lastIndex + 80).replace(/[$¥￥]\s?[\d,.]+|[\d,.]+\s?(?:usd|usdt|元|\$)/g, (x) => ' '.repeat(x.length));
    const num = FIRST_NUMBER.exec(after);
    const rate = num ? Number(num[1]) : NaN;
    if (!period || !(rate > 0 && rate <= 100)) continue;
    const start = RATE_COLUMN.lastIndex + num!.index + num![0].length - num![1]!.length;
    out.push({ kind: 'return', start: m.index, end: start + num![1]!.length, rate, rateHigh: rate, period, termHours: null, forever: false, yearly: rate * (HOURS_PER.year / HOURS_PER[period]) });
  }
}

/** At most this many claims per text: enough for any plans table, bounded work on huge pages. */
export const MAX_CLAIMS = 400;
/** At most this many numbers examined per text. */
const MAX_NUMBERS = 20_000;

/** The last amount of money seen, and the stretch it was read in. */
interface LastMoney {
  num: NumberToken;
  currency: string;
  stretch: number;
}

/**
 * The claims of one number, read in `text` (the whole text or a stretch of it: `num` in its
 * offsets), pushed to `out` moved by `base`. A module function: the loop below calls it per number.
 */
function readClaimsAt(text: string, num: NumberToken, base: number, stretch: number, out: Claim[], last: { money: LastMoney | null }): void {
  if (!num.percent && !mayBeMoney(text, num)) {
    const doubling = doublingAt(text, num);
    // "doubler: 2x in 7 days" is one claim, already read at its multiple.
    if (doubling && !out.some((c) => c.kind === 'return' && c.end > doubling.start + base)) pushAt(out, doubling, base);
    return;
  }
  let currency = num.percent ? null : currencyOf(text, num) ?? (/万|千|百/.test(text.slice(num.start, num.end)) ? 'CNY' : null);
  // "投10万每个月返3000": a bare figure paid back on a stake just named is in the stake's money.
  if (currency === null && !num.percent && last.money && last.money.stretch === stretch && /[返赚息红益]/.test(text.slice(Math.max(0, num.start - 4), num.start))) currency = last.money.currency;
  // "put in ¥1,000 … get ¥1,500 in 7 days" is read from the second. Two amounts in different
  // stretches stand more than growthAt's 60 characters apart: no growth.
  const stake = last.money && last.money.stretch === stretch ? last.money.num : null;
  if (currency && stake) {
    const grown = growthAt(text, stake, num);
    if (grown) pushAt(out, grown, base);
  }
  if (currency) last.money = { num, currency, stretch };
  let claim = num.percent
    ? (referralAt(text, num) ?? withdrawFeeAt(text, num, null) ?? payAt(text, num, null) ?? returnAt(text, num))
    : currency
      ? (withdrawFeeAt(text, num, currency) ?? depositAt(text, num, currency) ?? payAt(text, num, currency))
      : (multipleAt(text, num) ?? payAt(text, num, null));
  // Paid on a stake, it is a return on an investment, not a wage.
  if (stake && currency && (claim === null || claim.kind === 'pay')) {
    const paid = claim ?? payAt(text, num, currency, false);
    if (paid?.kind === 'pay') claim = incomeOnStakeAt(text, stake, paid, num) ?? claim;
  }
  if (claim) pushAt(out, claim, base);
}

/** Pushes a claim read in a stretch that starts at `base`, in the whole text's offsets. */
function pushAt(out: Claim[], c: Claim, base: number): void {
  c.start += base;
  c.end += base;
  out.push(c);
}

/** Every claim in the normalised text, in order of position: the reference, on the whole string. */
export function readClaims(text: string): Claim[] {
  const out: Claim[] = [];
  const last = { money: null as LastMoney | null };
  for (const num of readNumbers(text, MAX_NUMBERS)) {
    if (out.length >= MAX_CLAIMS) break;
    readClaimsAt(text, num, 0, 0, out, last);
  }
  readRateColumns(text, out, MAX_CLAIMS);
  return out.sort((a, b) => a.start - b.start);
}

let stretchDecoder: TextDecoder | null = null;

/**
 * readClaims(text) for the normalised text's code units `codes` (text = their decoding, same
 * offsets): numbers are found in the code units, and only the stretches around those that can
 * make a claim are decoded. `wholeText` is asked for only when the text has a rate column.
 */
export function readClaimsFrom(codes: Uint16Array, wholeText: () => string): Claim[] {
  const { tokens, rateColumns } = readNumberCodes(codes, MAX_NUMBERS);
  const out: Claim[] = [];
  const n = codes.length;
  const last = { money: null as LastMoney | null };
  // The stretch being read: [stretchFrom, reach) holds every read of its numbers; it is decoded
  // from stretchFrom (moved back off the second half of a surrogate pair).
  let stretchFrom = 0;
  let reach = 0;
  let stretch = -1;
  let text = '';
  for (let k = 0; k < tokens.length && out.length < MAX_CLAIMS; k++) {
    const num = tokens[k]!;
    if (!mayMakeClaim(codes, num)) continue;
    if (stretch < 0 || num.start - READ_BEFORE >= reach) {
      // A new stretch: from READ_BEFORE before this number to READ_AFTER past the last number
      // whose reach overlaps the next one's.
      stretchFrom = Math.max(0, num.start - READ_BEFORE);
      reach = Math.min(n, num.end + READ_AFTER);
      for (let j = k + 1; j < tokens.length; j++) {
        const next = tokens[j]!;
        if (next.start - READ_BEFORE >= reach) break;
        if (mayMakeClaim(codes, next)) reach = Math.max(reach, Math.min(n, next.end + READ_AFTER));
      }
      // Never between the halves of a surrogate pair: the decoder would read each as U+FFFD.
      let from = stretchFrom;
      let to = reach;
      if (from > 0 && isLowSurrogate(codes[from]!) && isHighSurrogate(codes[from - 1]!)) from--;
      if (to < n && isLowSurrogate(codes[to]!) && isHighSurrogate(codes[to - 1]!)) to++;
      stretchDecoder ??= new TextDecoder('utf-16le');
      text = stretchDecoder.decode(codes.subarray(from, to));
      stretchFrom = from;
      stretch++;
    }
    readClaimsAt(text, { ...num, start: num.start - stretchFrom, end: num.end - stretchFrom }, stretchFrom, stretch, out, last);
  }
  if (rateColumns) readRateColumns(wholeText(), out, MAX_CLAIMS);
  return out.sort((a, b) => a.start - b.start);
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
