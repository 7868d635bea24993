import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps each isolate's young generation at its starting size (V8 doubles it,
 * up to 16 MB a semi-space, whenever a scavenge finds it busy). A run over
 * many files allocates fast but keeps little, so a bigger young generation
 * buys nothing: on 50,000 files `cdrisk check --format json` peaked at
 * 204 MB without this and 157 MB with it, in the same time; one `assess` at
 * 61 MB instead of 70. V8 reads the factor when an isolate's new space
 * grows, so bin/cdrisk.js sets it before anything else runs (setV8Flags in
 * bin/script.js) and each worker sets it again first thing (set from the main
 * thread only, the workers' young generations still grew). Newer V8 versions may hold the
 * factor at 2 or more; the flag is then simply without effect.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Growth of the old generation past its size after the last full collection that starts the next one. */
const SLACK = 4 * 1024 * 1024;

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;
let collect: Gc | null | undefined;

/** V8's full collection, exposed as Jest exposes it for --logHeapUsage; null where this Node refuses. */
function fullCollection(): Gc | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as Gc) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Keeps a long run's heap near what it holds. A run over thousands of files
 * makes garbage at a steady rate; some of it lives through two young
 * collections (the file in hand when they ran) and moves to the old
 * generation, which V8 lets grow to about four times its live size before it
 * collects it: on 50,000 files the main thread's heap went from 33 MB live
 * to 137 MB. Called between batches, `tick` starts a full collection once the
 * old generation has grown SLACK past its size after the last one. The
 * collection runs as V8 schedules it (execution: 'async'): a synchronous one
 * cost the run some 15% more CPU for the same memory. The young generation is
 * left out of the count: keepYoungGenerationSmall bounds it.
 */
export class HeapTrim {
  private base = -1;
  private running = false;

  tick(): void {
    if (this.running) return;
    const used = oldGeneration();
    if (this.base < 0) this.base = used;
    if (used < this.base + SLACK) return;
    const gc = fullCollection();
    if (!gc) return;
    this.running = true;
    void Promise.resolve(gc({ type: 'major', execution: 'async' })).then(() => {
      this.running = false;
      this.base = oldGeneration();
    });
  }
}

/** Bytes in use outside the young generation. */
function oldGeneration(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used;
}
