// Runs dist/cdrisk-script.js (the CLI as one classic script) through node:vm
// with the V8 code cache the build made for it (scripts/code-cache.mjs), so a
// short run skips compiling the bundle. Used by bin/cdrisk.js when the cache
// was made by this very V8; otherwise the ES module bundle runs as before.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

/**
 * The V8 flags every run sets before anything else: the young generation
 * stays at its first size (see src/cli/heap.ts). The build's warm-up sets
 * them too: V8 refuses a code cache made under other flags.
 */
export function setV8Flags() {
  setFlagsFromString('--semi-space-growth-factor=1');
}

export const SCRIPT = fileURLToPath(new URL('../dist/cdrisk-script.js', import.meta.url));
export const CACHE = `${SCRIPT}.cache`;
/** The V8 version the cache was made by: a cache from another V8 is useless. */
export const CACHE_V8 = `${SCRIPT}.v8`;

/** True when the script and a cache made by this V8 (or the one given) are there. */
export function cacheUsable(v8 = process.versions.v8) {
  return existsSync(SCRIPT) && existsSync(CACHE) && existsSync(CACHE_V8) && readFileSync(CACHE_V8, 'utf8').trim() === v8;
}

/**
 * Compiles and runs the script (with the cache when given) and returns its
 * exports and the vm.Script, whose createCachedData() the build calls after a
 * warm-up run so that the functions a run compiles are in the cache too.
 */
export function loadScript(cachedData) {
  const source = readFileSync(SCRIPT, 'utf8');
  // The same wrapper Node gives a CommonJS module, plus the script's own URL for import.meta.url.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __cdriskUrl) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: SCRIPT, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(SCRIPT), module, SCRIPT, dirname(SCRIPT), pathToFileURL(SCRIPT).href);
  return { exports: module.exports, script };
}
