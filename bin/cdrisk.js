#!/usr/bin/env node
// A dumb wrapper: all the work is in the bundle, which `npm install` builds.
import { existsSync, readFileSync } from 'node:fs';
import { setV8Flags } from './script.js';

setV8Flags();

const bundle = new URL('../dist/cdrisk.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cdrisk: the build is missing (dist/cdrisk.js): run `npm install` or `npm run build` first\n');
  process.exitCode = 2;
} else {
  const { cacheUsable, loadScript, CACHE } = await import('./script.js');
  let run;
  if (!process.env.CDRISK_NO_CODE_CACHE && cacheUsable()) {
    // Node 20: the classic script with the code cache the build made for this V8.
    ({ run } = loadScript(readFileSync(CACHE)).exports);
  } else {
    // Node 22.1+ keeps compiled code of ES modules between runs; Node 20 has no such cache.
    const { enableCompileCache } = await import('node:module');
    enableCompileCache?.();
    ({ run } = await import(bundle.href));
  }
  process.exitCode = await run(process.argv.slice(2));
}
