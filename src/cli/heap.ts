import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Growth of the old generation past its size after the last full collection that sets off the next one. */
const SLACK = 24 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** V8's full collection, exposed as Jest exposes it for --logHeapUsage; null where this Node refuses. */
function fullCollection(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * Keeps a long run's heap near what it holds. A run over thousands of files
 * makes garbage at a steady rate, and some of it lives through two young
 * collections (the file in hand when they ran) and moves to the old
 * generation, which V8 lets grow to about four times its live size before it
 * collects it: on 50,000 files the main thread's heap went from 33 MB live
 * to 137 MB. Called between batches, `tick` runs a full collection once the
 * old generation has grown SLACK past its size after the last one (some 10
 * to 25 ms, every few seconds at most). The young generation is left out of
 * the count: its size is bounded, and its garbage goes at the next scavenge.
 */
export class HeapTrim {
  private base = -1;

  tick(): void {
    const used = oldGeneration();
    if (this.base < 0) this.base = used;
    if (used < this.base + SLACK) return;
    const gc = fullCollection();
    if (!gc) return;
    gc();
    this.base = oldGeneration();
  }
}

/** Bytes in use outside the young generation. */
function oldGeneration(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used;
}
