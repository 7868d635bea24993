#!/usr/bin/env node
// A dumb wrapper: all the work is in the bundle, which `npm install` builds.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cdrisk.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cdrisk: the build is missing (dist/cdrisk.js): run `npm install` or `npm run build` first\n');
  process.exitCode = 2;
} else {
  const { run } = await import(bundle.href);
  process.exitCode = await run(process.argv.slice(2));
}
