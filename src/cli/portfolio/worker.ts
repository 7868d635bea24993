// Entry point of a `cdrisk portfolio` worker thread (dist/portfolio-worker.js):
// loads the rule set once, then screens the batches of register rows the pool
// (src/cli/pool.ts, the one `check` uses) sends, with the check worker's
// messages: a batch of strings in, their results as one JSON string out.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest, WorkerSetup } from '../check-worker.js';
import { loadContext } from '../context.js';
import { HeapTrim, keepYoungGenerationSmall } from '../heap.js';
import { createRowScreener, type RegisterSetup } from './screen.js';

export interface PortfolioWorkerSetup extends WorkerSetup {
  register: RegisterSetup;
}

const port = parentPort;
if (port) {
  keepYoungGenerationSmall();
  const setup = workerData as PortfolioWorkerSetup;
  // Batches that arrive while the rules load wait for them, in order.
  const ready = loadContext(setup).then((ctx) => createRowScreener(setup.register, ctx));
  const trim = new HeapTrim();
  port.on('message', async (req: WorkerRequest) => {
    try {
      const screen = await ready;
      port.postMessage({ batch: req.batch, results: JSON.stringify(req.files.map(screen)) } satisfies WorkerReply);
    } catch (err) {
      const e = err as Error;
      port.postMessage({
        batch: req.batch,
        error: { message: e?.message ?? String(err), stack: e?.stack, user: e?.name === 'UserError' },
      } satisfies WorkerReply);
    }
    trim.tick();
  });
}
