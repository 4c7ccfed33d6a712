// A command-line tool's `main`, run in this process with the arguments given and its output
// captured (issue 12). Starting `tsx` costs a second or more per run on a busy two-core machine;
// the unit tests call each CLI this way instead, and keep only a few real-process smoke tests.
//
// A tool reads its arguments with `cliArgv()` (parseCliArgs does) and writes to process.stdout
// and process.stderr as usual. While `runMain` runs it, those writes, and only those made on its
// behalf (tracked with AsyncLocalStorage), go into the result instead of the terminal.
import { AsyncLocalStorage } from 'node:async_hooks';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportCliError } from './cli-error';

interface Capture {
  argv: string[];
  stdout: string[];
  stderr: string[];
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const capturing = new AsyncLocalStorage<Capture>();

/** The tool's arguments: those given to `runMain`, else the command line's. */
export function cliArgv(): string[] {
  return capturing.getStore()?.argv ?? process.argv.slice(2);
}

/** True when the module at `moduleUrl` is the script Node was started with (not imported). */
export function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}

let redirected = false;

/** Routes writes made inside a `runMain` to its capture; every other write goes through unchanged. */
function redirectProcessOutput(): void {
  if (redirected) return;
  redirected = true;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const capture = capturing.getStore();
      if (!capture) return write(chunk, ...rest);
      capture[name].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r): r is () => void => typeof r === 'function');
      if (done) queueMicrotask(done);
      return true;
    }) as typeof stream.write;
  }
}

/** Runs `main` as `tsx script.ts ...argv` would, and returns its exit code and output. */
export async function runMain(main: () => Promise<void>, argv: string[]): Promise<CliResult> {
  redirectProcessOutput();
  const capture: Capture = { argv, stdout: [], stderr: [] };
  const exitCode = await capturing.run(capture, async () => {
    try {
      await main();
      return 0;
    } catch (error) {
      return reportCliError(error);
    }
  });
  return { exitCode, stdout: capture.stdout.join(''), stderr: capture.stderr.join('') };
}
