// The learned second opinion's weights (model/text-model.json, written by `npm run train`) for the
// CLI tools; the extension bundles the same file. A missing or broken file is a clear CLI error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTextModel, TextModelError, type TextModel } from '../../src/engine/text-model';
import { CliError } from './cli-error';
import { repoRoot } from './repo-paths';

export const MODEL_FILE = join(repoRoot, 'model', 'text-model.json');

export function loadTextModel(path: string = MODEL_FILE): TextModel {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read the model ${path}: ${(err as Error).message} (npm run train writes it)`);
  }
  try {
    return parseTextModel(JSON.parse(raw));
  } catch (err) {
    if (err instanceof TextModelError || err instanceof SyntaxError) throw new CliError(`the model ${path} is invalid: ${err.message}`);
    throw err;
  }
}
