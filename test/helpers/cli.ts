// The one way tests run the CLI. `cli()` runs it in-process, from source,
// with captured streams (no TTY, colour off unless the env asks): fast, and
// what most tests use. `runBinary()` runs the built `bin/cdrisk.js` as a user
// does, for the few end-to-end tests that must see the real process (exit
// code, bundle, worker threads, colour detection).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { run, type Io } from '../../src/cli/run.js';
import { ROOT } from './engine.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds (in-process runs only). */
  ms: number;
}

export interface CliOptions {
  /** The environment the CLI sees (nothing of the test process's own). NO_COLOR=1 is added in-process. */
  env?: NodeJS.ProcessEnv;
  /** Working directory; in-process, the test file must run in a forked pool (see vitest.config.ts). */
  cwd?: string;
  /** Receives standard output instead of the capture (to make writing fail, for instance). */
  stdoutWrite?: (s: string) => void;
}

function sink(write: (s: string) => void): NodeJS.WriteStream {
  const stream = {
    isTTY: false,
    columns: 100,
    write(chunk: string | Uint8Array) {
      write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream;
}

/** Runs the CLI in-process with captured streams. */
export async function cli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: sink(opts.stdoutWrite ?? ((s) => (stdout += s))),
    stderr: sink((s) => (stderr += s)),
    stdin: process.stdin,
    env: { NO_COLOR: '1', ...opts.env },
  };
  const before = process.cwd();
  if (opts.cwd) process.chdir(opts.cwd);
  const start = performance.now();
  try {
    const code = await run(args, io);
    return { code, stdout, stderr, ms: performance.now() - start };
  } finally {
    if (opts.cwd) process.chdir(before);
  }
}

export const BIN = `${ROOT}bin/cdrisk.js`;
export const BUNDLE = `${ROOT}dist/cdrisk.js`;

/** Runs the built binary as a child process (from the package root unless `cwd` is given). */
export function runBinary(args: string[], opts: Omit<CliOptions, 'stdoutWrite'> = {}): CliResult {
  if (!existsSync(BUNDLE)) throw new Error('dist/cdrisk.js is missing: run `npm run build` (npm test does it in pretest)');
  const start = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH, ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
}
