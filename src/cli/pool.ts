import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../shared/errors.js';
import type { FileResult } from '../report/types.js';
import type { Rule } from '../rules/schema.js';
import { unpackResult, type Rendered } from './check-file.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './check-worker.js';
import { packageRoot } from './package-root.js';
import { HeapTrim } from './heap.js';

/** Below this many files, starting workers (some 50 ms each) costs more than it saves. */
export const POOL_THRESHOLD = 400;
/** Files per message: large enough that messaging is noise, small enough to balance the load. */
export const BATCH = 100;

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
 * A worker's young generation, in MB. V8's default sizes it for throughput;
 * a file's garbage is short-lived and small (each result is rendered and
 * dropped before the next file is read). On 5,000 files 16 MB gave a lower
 * peak RSS than 8 (where more of a file's objects live through two
 * collections and are moved to the old generation) and than 32 or 48.
 */
const YOUNG_GENERATION_MB = 16;

/** What the pool delivers per file: a result, a result a worker rendered, or null for a file that is not a partnership file. */
export type Assessed = FileResult | Rendered | null;

/** How many batches may be handed out beyond the oldest one not yet delivered: bounds the re-ordering buffer. */
const WINDOW = 16;

/**
 * Assesses files on the main thread plus `size - 1` worker threads, each
 * with its own rule set, taking batches from one queue until it is empty
 * (so a slow batch never leaves a thread idle). The main thread works too:
 * on two cores, two lanes need only one worker to start. `deliver` gets the
 * results batch by batch in the order of `files` (null marks a file that is
 * not a partnership file) as soon as the next batch is in, so only the
 * batches that came back early wait in memory; no thread runs more than
 * WINDOW batches ahead of the oldest one outstanding.
 */
export function runPool<T = FileResult | null>(
  files: readonly string[],
  setup: WorkerSetup,
  size: number,
  script: string,
  assessHere: (file: string) => T,
  rules: ReadonlyMap<string, Rule>,
  deliver: (results: T[]) => void,
): Promise<void> {
  const batches = Math.ceil(files.length / BATCH);
  const early = new Map<number, T[]>();
  let next = 0;
  let delivered = 0;
  if (batches === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const waiting: (() => void)[] = [];
    let finished = false;
    // On failure, the workers are stopped before the caller hears of it: none may still write to a spill file it closes.
    const stop = (err: unknown) => {
      if (finished) return;
      finished = true;
      void Promise.allSettled(workers.map((w) => w.terminate())).then(() => reject(err));
    };
    const canTake = () => !finished && next < batches && next - delivered < WINDOW;
    const complete = (batch: number, results: T[]) => {
      // A reply that comes in while the workers are being stopped is dropped.
      if (finished) return;
      early.set(batch, results);
      try {
        for (let ready; (ready = early.get(delivered)) !== undefined; delivered++) {
          early.delete(delivered);
          deliver(ready);
        }
      } catch (err) {
        stop(err);
        return;
      }
      while (waiting.length && canTake()) waiting.shift()!();
      if (delivered < batches || finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      resolve();
    };
    const feed = (w: Worker) => {
      if (!canTake()) {
        if (next < batches) waiting.push(() => feed(w));
        return;
      }
      const batch = next++;
      w.postMessage({ batch, files: files.slice(batch * BATCH, (batch + 1) * BATCH) } satisfies WorkerRequest);
    };
    for (let i = 0; i < Math.min(size - 1, batches); i++) {
      const w = new Worker(script, {
        workerData: { ...setup, lane: i },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      workers.push(w);
      w.on('message', (reply: WorkerReply) => {
        if ('error' in reply) {
          const { message, stack, user, file, line, column } = reply.error;
          stop(user ? new UserError(message, { file, line, column }) : Object.assign(new Error(message), { stack }));
          return;
        }
        feed(w);
        if ('rendered' in reply) {
          const rendered = reply.rendered.map((r) => (r && 'packed' in r ? unpackResult(JSON.parse(r.packed) as FileResult, rules) : r));
          complete(reply.batch, rendered as T[]);
          return;
        }
        const batch = JSON.parse(reply.results) as (FileResult | null)[];
        complete(reply.batch, batch.map((r) => r && unpackResult(r, rules)) as T[]);
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
    const trim = new HeapTrim();
    const mainLane = () => {
      if (!canTake()) {
        if (!finished && next < batches) waiting.push(() => setImmediate(mainLane));
        return;
      }
      const batch = next++;
      let results: T[];
      try {
        results = files.slice(batch * BATCH, (batch + 1) * BATCH).map(assessHere);
      } catch (err) {
        stop(err);
        return;
      }
      complete(batch, results);
      trim.tick();
      setImmediate(mainLane);
    };
    setImmediate(mainLane);
  });
}
