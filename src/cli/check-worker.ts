// Entry point of a `check` worker thread: loads the rule set once, then
// assesses the batches of files the pool sends and posts the results back.
// When `check` writes its report file by file, the worker renders each file's
// entries itself and writes the long ones (the json report, the listing)
// straight to its spill file: the main thread gets only what the summary and
// the exit code need, and where the text is.
import { parentPort, workerData } from 'node:worker_threads';
import { loadContext, type ContextFlags } from './context.js';
import {
  checkFile,
  checkOutputs,
  outputList,
  packResult,
  renderResult,
  trimResult,
  type Keep,
  type OutputChoice,
  type Rendered,
  type Renderer,
} from './check-file.js';
import { SpillWriter } from './spill.js';
import { HeapTrim, keepYoungGenerationSmall } from './heap.js';
import type { Level } from '../shared/levels.js';
import type { UserError } from '../shared/errors.js';
import type { EngineContext } from '../engine/context.js';

export interface WorkerSetup extends ContextFlags {
  keep: Keep;
  failOn?: Level;
  /** Render here: the outputs, and per worker (by `lane`) the spill descriptor of each verbatim output. */
  render?: { choice: OutputChoice; spills: (number | undefined)[][] };
  /** This worker's place among the pool's workers (set by runPool). */
  lane?: number;
}

export interface WorkerRequest {
  batch: number;
  files: string[];
}

export type WorkerReply =
  /** The batch's results (FileResult | null, packed) as one JSON string: far cheaper to pass than objects. */
  | { batch: number; results: string }
  /** The batch rendered (see Rendered); a result the main thread must finish (a pending draft) comes whole, packed, as JSON. */
  | { batch: number; rendered: (Rendered | { packed: string } | null)[] }
  | { batch: number; error: WorkerError };

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
  keepYoungGenerationSmall();
  const setup = workerData as WorkerSetup;
  // Batches that arrive while the rules load wait for them, in order.
  const ready = loadContext(setup).then(async (ctx): Promise<{ ctx: EngineContext; renderer?: Renderer }> => {
    if (!setup.render) return { ctx };
    const outputs = outputList(await checkOutputs(setup.render.choice, { rules: ctx.rules, failOn: setup.failOn, lang: ctx.lang }));
    const fds = setup.render.spills[setup.lane ?? 0] ?? [];
    const writers = outputs.map((o, k) => (o.verbatim && fds[k] !== undefined ? new SpillWriter(fds[k]) : undefined));
    return { ctx, renderer: { outputs, writers, failOn: setup.failOn } };
  });
  const trim = new HeapTrim();
  port.on('message', async (req: WorkerRequest) => {
    try {
      const { ctx, renderer } = await ready;
      const { keep, failOn } = setup;
      const assess = (f: string) => {
        const r = checkFile(f, ctx);
        return r && trimResult(r, keep, failOn, ctx.rules.bands.attention);
      };
      if (renderer) {
        // File by file, so that each result is garbage before the next is read.
        const rendered = req.files.map((f) => {
          const r = assess(f);
          const out = r && renderResult(r, renderer);
          return out && !('verdict' in out) ? { packed: JSON.stringify(packResult(out)) } : out;
        });
        port.postMessage({ batch: req.batch, rendered } satisfies WorkerReply);
      } else {
        port.postMessage({
          batch: req.batch,
          results: JSON.stringify(req.files.map((f) => assess(f)).map((r) => r && packResult(r))),
        } satisfies WorkerReply);
      }
    } catch (err) {
      port.postMessage({ batch: req.batch, error: describeError(err) } satisfies WorkerReply);
    }
    trim.tick();
  });
}
