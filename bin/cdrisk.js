#!/usr/bin/env node
// A dumb wrapper: all the work is in the bundle, which `npm install` builds.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cdrisk.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cdrisk: the build is missing (dist/cdrisk.js): run `npm install` or `npm run build` first\n');
  process.exitCode = 2;
} else {
  // Node 22.1+ keeps compiled code between runs; Node 20 has no such cache.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { run } = await import(bundle.href);
  process.exitCode = await run(process.argv.slice(2));
}
