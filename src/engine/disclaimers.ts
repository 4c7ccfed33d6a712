// A cue in a clause that forbids or disclaims it is no pitch (issue 9, part 3: texts that warn
// about a scam do not warn). Legitimate firms must print such clauses (证监会 and the exchanges
// require brokers to disclaim 场外配资 and paid stock tips; banks and police write "请勿向陌生账户
// 转账", "never send money to someone you have not met"), and they name the very words a pitch
// uses: "本公司从未授权任何个人以本公司名义开展场外配资、荐股收费或'内部渠道'业务". A scam makes its
// claim in the affirmative. So a rule's match whose clause, before it, holds a prohibition or a
// disclaimer addressed to the reader is not counted. The words are a regulator's or a police
// notice's, not a pitch's: "不要" and "never" alone are not among them, since pitches say "千万不要
// 告诉家人" and "you will never lose".
//
// No browser API here: the same code runs in the extension, the CLI tools and the tests.

/** How far back from a match its clause is read, in normalised characters. */
const LOOKBACK = 60;

/** The prohibitions and disclaimers, as they read after normalisation (lower case, Simplified Chinese). */
const DISCLAIMER = new RegExp(
  [
    '请勿', '切勿', '切莫', '谨防', '警惕', '严禁', '未经授权', '未授权', '非持牌', '不法分子', '冒用', '冒充', '以免上当', '不要轻信', '不要相信', '勿信',
    // What a bank or platform says it never does ("本行不会通过短信链接要求您转账"), and what its
    // risk notice says it does not promise ("最低收益率并非保证您一定获得较高收益", "不构成投资建议").
    '不会通过', '不会要求', '不会以', '并非保证', '不保证', '不构成',
    'beware of', 'be wary of', 'watch out for', 'never send', 'never pay', 'do not send', "don't send", 'not authori[sz]ed', 'unauthori[sz]ed', 'unlicensed', 'impersonat', 'fraudsters', 'scammers', 'will never ask', 'will never promise',
    'never asks? (you|anyone|customers|users)', 'does not ask', 'will not ask', "won't ask", 'may not ask', 'must not ask', 'should never ask', 'never charges?', 'not guarantee', 'no guarantee',
  ].join('|'),
);

/**
 * Whether normalised code unit i ends a clause: 。 ! ? ; (the normaliser folds the full-width
 * ones to these), and a full stop that no digit follows. Line breaks are not seen: the normaliser
 * folds them into spaces, so a clause is also cut at LOOKBACK characters.
 */
function endsClause(codes: Uint16Array, i: number): boolean {
  const c = codes[i]!;
  if (c === 0x3002 || c === 0x21 || c === 0x3f || c === 0x3b) return true;
  if (c !== 0x2e) return false;
  const next = codes[i + 1];
  return next === undefined || next < 0x30 || next > 0x39;
}

/**
 * Whether the clause before normalised position `s` (up to LOOKBACK characters back) forbids or
 * disclaims what follows. analyze() asks at a rule match's start, and at a claim's end (a claim's
 * span can begin at the disclaimer itself: "请勿相信日收益5%的承诺").
 */
export function inDisclaimer(codes: Uint16Array, s: number): boolean {
  const lo = Math.max(0, s - LOOKBACK);
  let b = s;
  while (b > lo && !endsClause(codes, b - 1)) b--;
  if (s - b < 2) return false;
  return DISCLAIMER.test(String.fromCharCode.apply(null, codes.subarray(b, s) as unknown as number[]));
}
