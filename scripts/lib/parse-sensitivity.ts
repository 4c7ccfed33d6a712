// The --sensitivity option shared by scan and eval.
import type { Sensitivity } from '../../src/engine/types';
import { CliError } from './cli-error';

const SENSITIVITIES: readonly Sensitivity[] = ['relaxed', 'standard', 'strict'];

export function parseSensitivity(value: string | undefined): Sensitivity {
  if (value === undefined) return 'standard';
  if ((SENSITIVITIES as readonly string[]).includes(value)) return value as Sensitivity;
  throw new CliError(`--sensitivity must be one of ${SENSITIVITIES.join(', ')}, not "${value}"`);
}
