// Exact-string golden comparison. A missing golden fails; UPDATE_GOLDEN=1
// writes it (and rewrites the existing ones): review the diff, then commit.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ROOT } from './engine.js';

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Compares `actual` with the file at `path` (relative to the repository root). */
export function expectGolden(actual: string, path: string): void {
  const file = `${ROOT}${path}`;
  const hint = `if the change is intended, run UPDATE_GOLDEN=1 npx vitest run <this test file> and review the diff of ${path}`;
  if (UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(existsSync(file), `no golden file ${path}: ${hint}`).toBe(true);
  expect(actual, hint).toBe(readFileSync(file, 'utf8'));
}
