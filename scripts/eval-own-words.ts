// npm run eval:own-words -- FILE.jsonl... [--half tune|check] [--misses]
//
// Runs the engine on texts written by the project in its own words (tests/fixtures/own-words/,
// README there): lines of {expect: "warn" | "quiet", type, lang, text}. Prints, per expectation,
// type and language, how many came out right (a "warn" text at caution or above, a "quiet" text at
// none). --half keeps one half of each file, split by the text's SHA-256 (its first hex digit even:
// tune; odd: check), the same split the rules were tuned on. --misses prints the texts that came
// out wrong with their findings: use it on the tune half only.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { analyze } from '../src/engine';
import { CliError, parseCliArgs, runCli } from './lib/cli-error';
import { formatTable } from './lib/format-table';
import { loadCompiledRules } from './lib/load-compiled-rules';
import { loadTextModel } from './lib/load-text-model';
import { parseHalf, type Half } from './lib/dev-halves';
import { isEntryPoint } from './lib/run-main';

const USAGE = `usage: npm run eval:own-words -- FILE.jsonl... [options]
  --half tune|check   only the texts of one half (first hex digit of the text's SHA-256 even: tune)
  --misses            print each text that came out wrong, with its findings (tune half only)
  --rules DIR         rule sources (default: rules/)
  --without-model     the rules and claims alone, without the learned second opinion (model/)`;

interface OwnWordsText {
  expect: 'warn' | 'quiet';
  type: string;
  lang: string;
  text: string;
}

/** The half of an own-words text: the first hex digit of its SHA-256, even for tune. */
export function halfOfText(text: string): Half {
  const first = createHash('sha256').update(text, 'utf8').digest()[0]!;
  return ((first >> 4) & 1) === 0 ? 'tune' : 'check';
}

export function parseOwnWords(content: string, origin: string): OwnWordsText[] {
  return content.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new CliError(`${origin}:${i + 1}: not JSON`);
    }
    const o = v as Partial<OwnWordsText>;
    if ((o.expect !== 'warn' && o.expect !== 'quiet') || typeof o.type !== 'string' || typeof o.lang !== 'string' || typeof o.text !== 'string') {
      throw new CliError(`${origin}:${i + 1}: needs expect ("warn" or "quiet"), type, lang and text`);
    }
    return [{ expect: o.expect, type: o.type, lang: o.lang, text: o.text }];
  });
}

export async function main(): Promise<void> {
  const parsed = parseCliArgs({
    allowPositionals: true,
    options: {
      half: { type: 'string' },
      misses: { type: 'boolean', default: false },
      rules: { type: 'string' },
      'without-model': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, USAGE);
  if (!parsed) return;
  if (parsed.positionals.length === 0) throw new CliError(`name at least one file\n${USAGE}`);
  let half: Half | null;
  try {
    half = parseHalf(parsed.values.half);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const { compiled } = loadCompiledRules(parsed.values.rules);
  const model = parsed.values['without-model'] ? null : loadTextModel();
  const groups = new Map<string, { right: number; n: number }>();
  for (const file of parsed.positionals) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
    }
    for (const item of parseOwnWords(content, file)) {
      if (half && halfOfText(item.text) !== half) continue;
      const result = analyze({ text: item.text }, compiled, { model });
      const right = item.expect === 'warn' ? result.level !== 'none' : result.level === 'none';
      const key = `${item.expect}\u0000${item.type}\u0000${item.lang}`;
      const g = groups.get(key) ?? { right: 0, n: 0 };
      g.n++;
      if (right) g.right++;
      groups.set(key, g);
      if (!right && parsed.values.misses) {
        const findings = result.findings.map((f) => `${f.ruleId}:${f.weight}`).join(' ');
        process.stdout.write(`${item.expect} ${item.type} ${item.lang}: ${result.level} [${findings}]\n  ${item.text}\n`);
      }
    }
  }
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => {
      const [expect, type, lang] = key.split('\u0000');
      return [expect!, type!, lang!, String(g.n), String(g.right), `${((100 * g.right) / g.n).toFixed(1)}%`];
    });
  process.stdout.write(`Texts in our own words${half ? ` (${half} half)` : ''}: "warn" right when at caution or above, "quiet" right at none\n`);
  process.stdout.write(`${formatTable(['expect', 'type', 'lang', 'n', 'right', '%'], rows, new Set(['n', 'right', '%']))}\n`);
}

if (isEntryPoint(import.meta.url)) runCli(main);
