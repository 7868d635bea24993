import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../engine/errors.js';
import type { FileResult } from '../report/types.js';
import type { ContextFlags } from './context.js';
import type { WorkerReply, WorkerRequest } from './check-worker.js';
import { packageRoot } from './package-root.js';

/** Below this many files, starting workers (some 50 ms each) costs more than it saves. */
export const POOL_THRESHOLD = 400;
/** Files per message: large enough that messaging is noise, small enough to balance the load. */
const BATCH = 100;

/** The built worker script, or undefined when running from source (tests), where workers cannot load .ts. */
export function workerScript(): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const file = join(packageRoot(), 'dist', 'check-worker.js');
  return existsSync(file) ? file : undefined;
}

export function poolSize(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.CDRISK_WORKERS !== undefined ? Number(env.CDRISK_WORKERS) : NaN;
  if (Number.isInteger(fromEnv) && fromEnv >= 0) return fromEnv;
  if (files < POOL_THRESHOLD) return 0;
  return Math.min(availableParallelism(), Math.ceil(files / POOL_THRESHOLD));
}

/**
 * Assesses files on a pool of worker threads, each with its own rule set.
 * Results come back in the order of `files`; null marks a file that is not
 * a partnership file.
 */
export function runPool(files: readonly string[], flags: ContextFlags, size: number, script: string): Promise<(FileResult | null)[]> {
  const results: (FileResult | null)[] = new Array(files.length);
  const batches = Math.ceil(files.length / BATCH);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    const stop = (err: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const feed = (w: Worker) => {
      if (next >= batches) return;
      const batch = next++;
      w.postMessage({ batch, files: files.slice(batch * BATCH, (batch + 1) * BATCH) } satisfies WorkerRequest);
    };
    for (let i = 0; i < Math.min(size, batches); i++) {
      const w = new Worker(script, { workerData: flags });
      workers.push(w);
      w.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          const { message, stack, user } = reply.error;
          const err = user ? new UserError(message) : Object.assign(new Error(message), { stack });
          stop(err);
          return;
        }
        const base = reply.batch * BATCH;
        for (let k = 0; k < reply.results.length; k++) results[base + k] = reply.results[k];
        if (++done === batches) {
          for (const x of workers) void x.terminate();
          resolve(results);
        } else feed(w);
      });
      w.on('error', stop);
      w.on('exit', (code) => {
        if (done < batches && !failed) stop(new Error(`a check worker stopped with code ${code}`));
      });
      // Two batches in flight per worker, so it never waits for the next message.
      feed(w);
      feed(w);
    }
  });
}
