import { defineConfig } from 'vitest/config';

// Most test files run on worker threads; the ones that run the CLI in-process
// in another working directory need process.chdir(), which only a forked
// process allows.
const CHDIR = ['test/check.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'threads', include: ['test/**/*.test.ts'], exclude: CHDIR, pool: 'threads' } },
      { extends: true, test: { name: 'forks', include: CHDIR, pool: 'forks' } },
    ],
  },
});
