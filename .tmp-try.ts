import { analyze, compileRules } from './src/engine';
import { bundledRules } from './src/rules/bundled-rules';
import { englishMessages } from './scripts/lib/format-scan-result';
import { explanationText } from './src/shared/explanation-text';
const c = compileRules(bundledRules());
for (const text of ['Invest now: 13% daily for 9 days. Minimum deposit $50.', 'Plan A: 2% daily for 30 days. Plan B: 5% daily for 20 days. Plan C: 10% daily for 10 days. Min $10 - max $5,000. Referral: Level 1 10%, Level 2 5%, Level 3 2%', '刷单兼职，每单佣金5%，日结300元。提现需缴纳20%税费。', '招聘：月薪5万，包吃住包机票，无需经验', 'Plan A: 2% daily for 30 days. Plan B: 5% daily for 20 days.']) {
  const r = analyze({ text }, c);
  console.log(r.level, r.scores, JSON.stringify(r.passage));
  for (const f of r.findings) console.log('  ', f.ruleId, f.weight, JSON.stringify(f.explanationArgs), f.explanationArgs ? explanationText(f, englishMessages()) : '');
}
