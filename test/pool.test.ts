// The check pool's error path: a user error raised in a worker reaches the
// main thread with its file, line and column; a bug keeps its stack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/shared/errors.js';
import { describeError } from '../src/cli/check-worker.js';
import { runPool } from '../src/cli/pool.js';

const dir = mkdtempSync(join(tmpdir(), 'cdrisk-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker that answers every batch with the error `describeError` made in the test. */
function failingWorker(error: object): string {
  const file = join(dir, `worker-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (req) => parentPort.postMessage({ batch: req.batch, error: ${JSON.stringify(error)} }));\n`,
  );
  return file;
}

const files = Array.from({ length: 300 }, (_, i) => `f${i}.yaml`);
// The main thread's lane never gets to work: it waits on the workers' batches.
const idle = () => {
  throw new Error('not reached');
};

describe('runPool errors', () => {
  it('a user error from a worker keeps its file, line and column', async () => {
    const user = describeError(new UserError('rating 9 is outside 1-5', { file: 'packs/city.yaml', line: 12, column: 7 }));
    expect(user).toEqual({ message: 'rating 9 is outside 1-5', user: true, file: 'packs/city.yaml', line: 12, column: 7 });
    const err = await runPool(files, { today: '2026-11-22', keep: 'verdict' }, 3, failingWorker(user), idle, new Map(), () => {}).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).format()).toBe('packs/city.yaml:12:7: rating 9 is outside 1-5');
  });

  it('a bug from a worker stays a bug, with its stack', async () => {
    const bug = describeError(new TypeError('x is undefined'));
    expect(bug.user).toBe(false);
    expect(bug.stack).toMatch(/TypeError: x is undefined/);
    const err = await runPool(files, { today: '2026-11-22', keep: 'verdict' }, 3, failingWorker(bug), idle, new Map(), () => {}).catch(
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(UserError);
    expect((err as Error).stack).toMatch(/TypeError: x is undefined/);
  });
});
