import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../engine/errors.js';
import type { FileResult } from '../report/types.js';
import type { Rule } from '../rules/schema.js';
import { unpackResult } from './check-file.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './check-worker.js';
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

/** How many threads (the main one included) assess: CDRISK_THREADS, or one per core for large runs. */
export function poolSize(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.CDRISK_THREADS !== undefined ? Number(env.CDRISK_THREADS) : NaN;
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  if (files < POOL_THRESHOLD) return 1;
  return Math.min(availableParallelism(), Math.ceil(files / POOL_THRESHOLD));
}

/**
 * Assesses files on the main thread plus `size - 1` worker threads, each
 * with its own rule set, taking batches from one queue until it is empty
 * (so a slow batch never leaves a thread idle). The main thread works too:
 * on two cores, two lanes need only one worker to start. Results come back
 * in the order of `files`; null marks a file that is not a partnership file.
 */
export function runPool(
  files: readonly string[],
  setup: WorkerSetup,
  size: number,
  script: string,
  assessHere: (file: string) => FileResult | null,
  rules: ReadonlyMap<string, Rule>,
): Promise<(FileResult | null)[]> {
  const results: (FileResult | null)[] = new Array(files.length);
  const batches = Math.ceil(files.length / BATCH);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let finished = false;
    const stop = (err: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const complete = () => {
      if (++done < batches || finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      resolve(results);
    };
    const feed = (w: Worker) => {
      if (next >= batches) return;
      const batch = next++;
      w.postMessage({ batch, files: files.slice(batch * BATCH, (batch + 1) * BATCH) } satisfies WorkerRequest);
    };
    for (let i = 0; i < Math.min(size - 1, batches); i++) {
      const w = new Worker(script, { workerData: setup });
      workers.push(w);
      w.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          const { message, stack, user } = reply.error;
          stop(user ? new UserError(message) : Object.assign(new Error(message), { stack }));
          return;
        }
        const base = reply.batch * BATCH;
        const batch = JSON.parse(reply.results) as (FileResult | null)[];
        for (let k = 0; k < batch.length; k++) results[base + k] = batch[k] && unpackResult(batch[k]!, rules);
        feed(w);
        complete();
      });
      w.on('error', stop);
      w.on('exit', (code) => {
        if (!finished) stop(new Error(`a check worker stopped with code ${code}`));
      });
      // Two batches in flight per worker, so it never waits for the next message.
      feed(w);
      feed(w);
    }
    // The main thread's lane: one batch at a time, yielding in between so worker replies are handled.
    const mainLane = () => {
      if (finished || next >= batches) return;
      const batch = next++;
      try {
        const end = Math.min(files.length, (batch + 1) * BATCH);
        for (let k = batch * BATCH; k < end; k++) results[k] = assessHere(files[k]);
      } catch (err) {
        stop(err);
        return;
      }
      complete();
      setImmediate(mainLane);
    };
    setImmediate(mainLane);
  });
}
