// npm run train [-- --check] [--bits N] [--epochs N] [--threshold P] [--l2 X] [--seed N] [--runs N]
//        [--notice-threshold P]
//
// Trains the learned second opinion (src/engine/text-model.ts) on text the project wrote and writes
// model/text-model.json. The training text is training/*.jsonl (written for the project, in its own
// words; see training/README.md) and the own-words texts of tests/fixtures/own-words/texts.jsonl;
// never the evaluation corpora, never the held-out and development sets (set-2 … set-5, own-pages),
// and not the rules' examples: the model is a second opinion beside the rules, and a rule's edit
// must not retrain it (with them, adding three examples moved a dozen development items either
// way, as the new fit reshuffled every text near the threshold). Deterministic: the same inputs give the same file. `--check` trains again and fails
// when model/text-model.json differs (the weights in the repository must be what this data gives).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MODEL_CLASSES, type ModelClass } from '../src/engine/text-model';
import { CliError, parseCliArgs, runCli } from './lib/cli-error';
import { MODEL_FILE } from './lib/load-text-model';
import { repoRoot } from './lib/repo-paths';
import { isEntryPoint } from './lib/run-main';
import { DEFAULT_TRAIN, predict, samplesOf, toModelFile, train, type Sample, type TrainingText } from './lib/train-text-model';

const USAGE = 'usage: npm run train [-- --check] [--bits N] [--epochs N] [--threshold P] [--l2 X] [--seed N] [--runs N] [--notice-threshold P]';

export const TRAINING_DIR = join(repoRoot, 'training');
const OWN_WORDS = join(repoRoot, 'tests', 'fixtures', 'own-words', 'texts.jsonl');
/** A stretch counts as a scam type at this probability or above (measured on the tune half: docs/detection.md). */
export const DEFAULT_THRESHOLD = 0.85;
/** A stretch counts as a notice about scams at this probability or above (tune half: docs/detection.md). */
export const DEFAULT_NOTICE_THRESHOLD = 0.5;

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new CliError(`${path} line ${i + 1}: not valid JSON`);
      }
    });
}

const asClass = (v: unknown): ModelClass | null => (typeof v === 'string' && (MODEL_CLASSES as readonly string[]).includes(v) ? (v as ModelClass) : null);

/** Every training text, in a fixed order. */
export function trainingTexts(): TrainingText[] {
  const out: TrainingText[] = [];
  for (const file of readdirSync(TRAINING_DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
    readJsonl(join(TRAINING_DIR, file)).forEach((o, i) => {
      const label = asClass(o.label);
      if (!label || typeof o.text !== 'string' || o.text.trim() === '') throw new CliError(`training/${file} line ${i + 1}: needs a label (${MODEL_CLASSES.join(', ')}) and a text`);
      out.push({ label, text: o.text, origin: `training/${file}` });
    });
  }
  for (const o of readJsonl(OWN_WORDS)) {
    if (typeof o.text !== 'string') continue;
    const label: ModelClass = o.expect === 'warn' ? (asClass(o.type) ?? 'investment') : o.type === 'notice' ? 'notice' : 'benign';
    out.push({ label, text: o.text, origin: 'tests/fixtures/own-words/texts.jsonl' });
  }
  return out;
}

/** A stable tenth of the texts for validation: by the text's hash, like the corpus halves. */
const isValidation = (text: string): boolean => createHash('sha256').update(text).digest()[0]! < 26;

function accuracy(trained: ReturnType<typeof train>, samples: Sample[]): { accuracy: number; scamAsBenign: number; benignAsScam: number } {
  let right = 0;
  let scamAsBenign = 0;
  let benignAsScam = 0;
  for (const s of samples) {
    const p = predict(trained, s);
    let top = 0;
    for (let c = 1; c < p.length; c++) if (p[c]! > p[top]!) top = c;
    if (top === s.label) right++;
    if (s.label !== 0 && top === 0) scamAsBenign++;
    if (s.label === 0 && top !== 0) benignAsScam++;
  }
  const n = Math.max(1, samples.length);
  return { accuracy: right / n, scamAsBenign: scamAsBenign / n, benignAsScam: benignAsScam / n };
}

export async function main(): Promise<void> {
  const parsed = parseCliArgs({
    options: {
      check: { type: 'boolean', default: false },
      bits: { type: 'string' },
      epochs: { type: 'string' },
      threshold: { type: 'string' },
      'notice-threshold': { type: 'string' },
      runs: { type: 'string' },
      l2: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }, USAGE);
  if (!parsed) return;
  const values = parsed.values;
  const o = { ...DEFAULT_TRAIN };
  if (values.bits) o.bits = Number(values.bits);
  if (values.epochs) o.epochs = Number(values.epochs);
  if (values.l2) o.l2 = Number(values.l2);
  if (values.seed) o.seed = Number(values.seed);
  if (values.runs) o.runs = Number(values.runs);
  const threshold = values.threshold ? Number(values.threshold) : DEFAULT_THRESHOLD;
  const noticeThreshold = values['notice-threshold'] ? Number(values['notice-threshold']) : DEFAULT_NOTICE_THRESHOLD;
  if (!Number.isInteger(o.bits) || o.bits < 10 || o.bits > 20) throw new CliError('--bits must be an integer from 10 to 20');
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new CliError('--epochs must be a positive integer');
  if (!(o.l2 >= 0 && o.l2 < 1)) throw new CliError('--l2 must be from 0 to below 1');
  if (!Number.isInteger(o.seed)) throw new CliError('--seed must be an integer');
  if (!(threshold > 0 && threshold < 1)) throw new CliError('--threshold must be between 0 and 1');
  if (!(noticeThreshold > 0 && noticeThreshold < 1)) throw new CliError('--notice-threshold must be between 0 and 1');
  if (!Number.isInteger(o.runs) || o.runs < 1 || o.runs > 20) throw new CliError('--runs must be an integer from 1 to 20');

  const texts = trainingTexts();
  const perOrigin: Record<string, Record<string, number>> = {};
  for (const t of texts) {
    const counts = (perOrigin[t.origin] ??= {});
    counts[t.label] = (counts[t.label] ?? 0) + 1;
  }
  const hash = createHash('sha256');
  for (const t of texts) hash.update(`${t.label}\t${t.text}\n`);

  // Validation first: fit on nine tenths, measure on the tenth; then fit on everything.
  const fitSamples: Sample[] = [];
  const valSamples: Sample[] = [];
  for (const t of texts) (isValidation(t.text) ? valSamples : fitSamples).push(...samplesOf(t, o.bits));
  const validation = accuracy(train(fitSamples, o), valSamples);
  const all = [...fitSamples, ...valSamples];
  const trained = train(all, o);
  const file = toModelFile(trained, o.bits, threshold, noticeThreshold, {
    texts: texts.length,
    samples: all.length,
    sha256: hash.digest('hex'),
    perOrigin,
    options: o,
    validation: { samples: valSamples.length, ...Object.fromEntries(Object.entries(validation).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) },
  });
  const json = JSON.stringify(file) + '\n';
  const say = (s: string): void => void process.stdout.write(s + '\n');
  say(`${texts.length} texts (${all.length} stretches); validation on ${valSamples.length}: accuracy ${(validation.accuracy * 100).toFixed(1)}%, scam read as benign ${(validation.scamAsBenign * 100).toFixed(1)}%, benign read as a scam ${(validation.benignAsScam * 100).toFixed(1)}%`);
  if (values.check) {
    let current: string;
    try {
      current = readFileSync(MODEL_FILE, 'utf8');
    } catch {
      throw new CliError(`${relative(repoRoot, MODEL_FILE)} is missing: run npm run train`);
    }
    if (current !== json) throw new CliError(`${relative(repoRoot, MODEL_FILE)} is not what the training data gives: run npm run train and commit the result`);
    say(`✓ ${relative(repoRoot, MODEL_FILE)} is what the training data gives`);
    return;
  }
  writeFileSync(MODEL_FILE, json);
  say(`→ ${relative(repoRoot, MODEL_FILE)} (${Math.round(json.length / 1024)} KiB, ${1 << o.bits} buckets)`);
}

if (isEntryPoint(import.meta.url)) runCli(main);
