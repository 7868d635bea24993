import { run, type Io } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI in-process with captured streams (no TTY, no colour). */
export async function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; stdoutWrite?: (s: string) => void } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stream = (write: (s: string) => void) =>
    ({
      isTTY: false,
      columns: 100,
      write: (s: string | Uint8Array) => {
        write(typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  const io: Io = {
    stdout: stream(opts.stdoutWrite ?? ((s) => (stdout += s))),
    stderr: stream((s) => (stderr += s)),
    stdin: process.stdin,
    env: { NO_COLOR: '1', ...opts.env },
  };
  const start = performance.now();
  const code = await run(args, io);
  return { code, stdout, stderr, ms: performance.now() - start };
}
