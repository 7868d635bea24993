// bin/cdrisk.js runs the CLI as one classic script with the V8 code cache the
// build made (scripts/code-cache.mjs), and falls back to the ES module bundle
// when the cache is not this V8's. Both must give the same bytes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { CACHE_V8, cacheUsable } from '../bin/script.js';
import { runBinary } from './helpers/cli.js';
import { VENDORED } from '../src/shared/vendor.js';
import { ROOT, TODAY } from './helpers/engine.js';

const CRITICAL = join(ROOT, 'fixtures', 'port-stake-state-investor.yaml');
const DRAFT = join(ROOT, 'fixtures', 'drafts', 'en-xiamen-mou.pdf');
const ESM = { CDRISK_NO_CODE_CACHE: '1' };

describe('the code cache', () => {
  it('is made by this V8 and accepted by it', () => {
    expect(readFileSync(CACHE_V8, 'utf8').trim()).toBe(process.versions.v8);
    expect(cacheUsable()).toBe(true);
    // Under the flags bin/cdrisk.js sets (in a process of its own: V8's flags belong to the process).
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { readFileSync } from 'node:fs';
         import { CACHE, loadScript, setV8Flags } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin', 'script.js')).href)};
         setV8Flags();
         const { script, exports } = loadScript(readFileSync(CACHE));
         console.log(JSON.stringify({ rejected: script.cachedDataRejected, run: typeof exports.run }));`,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(probe.stdout)).toEqual({ rejected: false, run: 'function' });
  });

  it.each([
    ['assess, table', ['assess', CRITICAL, '--today', TODAY]],
    ['assess, json', ['assess', CRITICAL, '--format', 'json', '--today', TODAY]],
    ['assess, html', ['assess', CRITICAL, '--format', 'html', '--today', TODAY]],
    ['check, json', ['check', join(ROOT, 'fixtures'), '--format', 'json', '--today', TODAY]],
    ['scan of a PDF (the vendored PDF.js)', ['scan', DRAFT, '--format', 'json']],
    ['a usage error', ['assess', '--format', 'nope', CRITICAL]],
  ])('%s: the script and the ES module bundle give the same bytes and exit code', (_name, args) => {
    const script = runBinary(args);
    const esm = runBinary(args, { env: ESM });
    expect(script.stdout).toBe(esm.stdout);
    expect(script.stderr).toBe(esm.stderr);
    expect(script.code).toBe(esm.code);
    expect(script.stdout.length + script.stderr.length).toBeGreaterThan(0);
  });

  it('dist/vendor holds exactly the libraries src/shared/vendor.ts loads from it', () => {
    expect(readdirSync(join(ROOT, 'dist', 'vendor')).sort()).toEqual(VENDORED.map((name) => `${name}.cjs`).sort());
  });

  it('a cache made by another V8 is not used (the ES module bundle runs instead)', () => {
    expect(cacheUsable('10.2.154.26-node.26')).toBe(false);
  });
});
