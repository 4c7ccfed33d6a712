import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliArgv } from './run-main';
// Errors a command-line tool reports to the user as one clear line, with exit code 2
// (a usage or input problem, as opposed to a crash). `runCli` prints them without a stack.

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Run `main`; a CliError prints its message and exits with its code, anything else is a bug. */
export function runCli(main: () => Promise<void>): void {
  // `npm run scan -- page.html | head`: the reader going away is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  // Errors set process.exitCode instead of calling process.exit(), so that pending stdout writes
  // (a large --json result piped to another program) drain first.
  main().catch((err: unknown) => {
    process.exitCode = reportCliError(err);
  });
}

/** Prints what went wrong (a CliError as one clear message, anything else with its stack); returns the exit code. */
export function reportCliError(err: unknown): number {
  if (err instanceof CliError) {
    process.stderr.write(`error: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
}

/** The `--help` option every command takes. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * node:util parseArgs for a command: a bad option becomes a CliError with the usage text, and
 * `--help` prints the usage and returns null (the command then has nothing more to do). Without
 * `args` in the config, it parses `cliArgv()` (the command line, or what runMain was given).
 */
export function parseCliArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | null {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    // The same config with the arguments filled in: the result's type is the config's.
    parsed = parseArgs({ ...config, args: config.args ?? cliArgv() } as T);
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage + '\n');
    return null;
  }
  return parsed;
}
