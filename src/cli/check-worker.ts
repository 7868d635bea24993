// Entry point of a `check` worker thread: loads the rule set once, then
// assesses the batches of files the pool sends and posts the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadContext, type ContextFlags } from './context.js';
import { checkFile, packResult, trimResult, type Keep } from './check-file.js';
import type { Level } from '../shared/levels.js';

export interface WorkerSetup extends ContextFlags {
  keep: Keep;
  failOn?: Level;
}

export interface WorkerRequest {
  batch: number;
  files: string[];
}

export type WorkerReply =
  /** The batch's results (FileResult | null, packed) as one JSON string: far cheaper to pass than objects. */
  | { batch: number; results: string }
  | { batch: number; error: { message: string; stack?: string; user: boolean } };

const port = parentPort;
if (port) {
  // Batches that arrive while the rules load wait for them, in order.
  const ready = loadContext(workerData as WorkerSetup);
  port.on('message', async (req: WorkerRequest) => {
    try {
      const ctx = await ready;
      const { keep, failOn } = workerData as WorkerSetup;
      const results = req.files.map((f) => {
        const r = checkFile(f, ctx);
        return r && packResult(trimResult(r, keep, failOn, ctx.rules.bands.attention));
      });
      port.postMessage({ batch: req.batch, results: JSON.stringify(results) } satisfies WorkerReply);
    } catch (err) {
      const e = err as Error;
      port.postMessage({ batch: req.batch, error: { message: e?.message ?? String(err), stack: e?.stack, user: e?.name === 'UserError' } } satisfies WorkerReply);
    }
  });
}
