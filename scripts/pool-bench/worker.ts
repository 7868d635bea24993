// Worker for tinypool and piscina in the pool benchmark: the same work as
// src/cli/check-worker.ts (assess a batch, pack the slim results as JSON).
import { workerData } from 'node:worker_threads';
import { loadContext } from '../../src/cli/context.js';
import { checkFile, packResult, trimResult } from '../../src/cli/check-file.js';

const ready = loadContext({ today: '2026-11-22', ...(workerData ?? {}) });
export default async function assessBatch(files: string[]): Promise<string> {
  const ctx = await ready;
  return JSON.stringify(
    files.map((f) => {
      const r = checkFile(f, ctx);
      return r && packResult(trimResult(r, 'verdict', 'high', ctx.rules.bands.attention));
    }),
  );
}
