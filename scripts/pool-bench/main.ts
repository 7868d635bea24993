// The pool benchmark: `check`'s own pool (src/cli/pool.ts: the main thread
// works as a lane, one worker per further core) against tinypool and
// piscina (one worker per core, the main thread only dispatches), on the
// same files, batches of 100, results unpacked in file order.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadContext } from '../../src/cli/context.js';
import { checkFile, trimResult, unpackResult } from '../../src/cli/check-file.js';
import { expandPaths } from '../../src/cli/discover.js';
import { runPool } from '../../src/cli/pool.js';
import type { FileResult } from '../../src/report/types.js';

const [mode, dir, outDir] = process.argv.slice(2);
const out = resolve(outDir);
const ctx = await loadContext({ today: '2026-11-22' });
const rules = new Map(ctx.rules.rules.map((r) => [r.id, r]));
const files = expandPaths([dir], { ignoreFile: true }).map((t) => t.file);
const threads = availableParallelism();
const BATCH = 100;
let count = 0;
const take = (r: FileResult | null) => {
  if (r) count += r.findings.length;
};
const start = performance.now();
if (mode === 'own') {
  const assessHere = (f: string) => {
    const r = checkFile(f, ctx);
    return r && trimResult(r, 'verdict', 'high', ctx.rules.bands.attention);
  };
  await runPool(
    files,
    { today: '2026-11-22', keep: 'verdict', failOn: 'high' },
    threads,
    join(out, '..', '..', 'dist', 'check-worker.js'),
    assessHere,
    rules,
    (b) => b.forEach(take),
  );
} else {
  const filename = join(out, 'worker.js');
  // Not dependencies of cdrisk: installed for the benchmark only, so imported by a name the compiler does not resolve.
  interface Pool {
    run(task: unknown): Promise<unknown>;
    destroy(): Promise<void>;
  }
  type PoolClass = new (o: { filename: string; minThreads: number; maxThreads: number }) => Pool;
  const name: string = mode;
  const lib = (await import(name)) as Record<string, PoolClass>;
  const pool = new lib[mode === 'tinypool' ? 'Tinypool' : 'Piscina']({ filename, minThreads: threads, maxThreads: threads });
  const batches: Promise<string>[] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(pool.run(files.slice(i, i + BATCH)) as Promise<string>);
  for (const b of batches) (JSON.parse(await b) as (FileResult | null)[]).forEach((r) => take(r && unpackResult(r, rules)));
  await pool.destroy();
}
console.log(`${mode}: ${files.length} files, ${count} findings, ${Math.round(performance.now() - start)} ms`);
