// Entry point of a `check` worker thread: loads the rule set once, then
// assesses the batches of files the pool sends and posts the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { loadContext, type ContextFlags } from './context.js';
import { checkFile, packResult, trimResult, type Keep } from './check-file.js';
import type { Level } from '../shared/levels.js';
import type { UserError } from '../shared/errors.js';

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
  { batch: number; results: string } | { batch: number; error: WorkerError };

/** An error as it crosses to the main thread: a user error keeps its place (file, line, column). */
export interface WorkerError {
  message: string;
  stack?: string;
  user: boolean;
  file?: string;
  line?: number;
  column?: number;
}

export function describeError(err: unknown): WorkerError {
  const e = err as Partial<UserError> & Error;
  if (e?.name !== 'UserError') return { message: e?.message ?? String(err), stack: e?.stack, user: false };
  return { message: e.message, user: true, file: e.file, line: e.line, column: e.column };
}

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
      port.postMessage({ batch: req.batch, error: describeError(err) } satisfies WorkerReply);
    }
  });
}
