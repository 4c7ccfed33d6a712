// Taiwan's words for the same things (issue 9): text is folded to Simplified characters before
// matching (fold-char.ts), but OpenCC's character folding keeps Taiwan's vocabulary: 儲值 becomes
// 储值, not 充值. Scams aimed at Taiwan (the 165 anti-fraud line's warnings) say 儲值 for a
// top-up, 飆股 for a hot stock, 獲利 for profit, 報酬率 for a rate of return, 門號 for a phone
// number or SIM, 提款卡 for a bank card, 兼差 for a side job. The compiler adds each Chinese
// phrase's Taiwan form beside it, so a rule written once matches both.
// Simplified on both sides: the text the matcher sees has already been folded.

const VARIANTS: readonly (readonly [string, string])[] = [
  ['充值', '储值'],
  ['牛股', '飙股'],
  ['盈利', '获利'],
  ['收益率', '报酬率'],
  ['回报率', '报酬率'],
  ['高回报', '高报酬'],
  ['软件', '软体'],
  ['短信', '简讯'],
  ['视频', '影片'],
  ['信息', '资讯'],
  ['网络', '网路'],
  ['银行卡', '提款卡'],
  ['电话卡', '门号'],
  ['手机卡', '门号'],
  ['兼职', '兼差'],
];

/** The phrase's Taiwan forms (each variant applied alone), not the phrase itself; none for most phrases. */
export function regionalVariants(phrase: string): string[] {
  const out: string[] = [];
  for (const [mainland, taiwan] of VARIANTS) {
    if (!phrase.includes(mainland)) continue;
    const v = phrase.split(mainland).join(taiwan);
    if (v !== phrase && !out.includes(v)) out.push(v);
  }
  return out;
}
