import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { run } from '../../src/cli/run.js';
import { ROOT } from './engine.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that collects what is written to it; never a TTY. */
function sink(): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const stream = {
    isTTY: false,
    columns: 100,
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
    text: () => chunks.join(''),
  };
  return stream as unknown as NodeJS.WriteStream & { text: () => string };
}

/** Runs the CLI in-process, from source, with fake streams. */
export async function runInProcess(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = sink();
  const stderr = sink();
  const code = await run(argv, { stdout, stderr, stdin: process.stdin, env: { ...env } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

export const BIN = `${ROOT}bin/cdrisk.js`;
export const BUNDLE = `${ROOT}dist/cdrisk.js`;

/** Runs the built binary as a child process, from the package root. */
export function runBinary(argv: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  if (!existsSync(BUNDLE)) throw new Error('dist/cdrisk.js is missing: run `npm run build` (npm test does it in pretest)');
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
