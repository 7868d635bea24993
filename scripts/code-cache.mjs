// Makes dist/cdrisk-script.js.cache: V8's compiled code of the CLI script,
// taken after warm-up runs of the commands a person starts most (assess in
// the default table, JSON and markdown; check), so that the functions those
// runs compile are in the cache as well. The warm-up writes its reports to a
// temporary folder. Records the V8 version: bin/cdrisk.js uses the cache only
// under the same V8 and otherwise runs the ES module bundle.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, CACHE_V8, loadScript, setV8Flags } from '../bin/script.js';

// The V8 flags bin/cdrisk.js runs with: V8 refuses a cache made under other flags.
setV8Flags();

const root = fileURLToPath(new URL('..', import.meta.url));
const { exports, script } = loadScript();
const example = join(root, 'fixtures', 'port-stake-state-investor.yaml');
const out = mkdtempSync(join(tmpdir(), 'cdrisk-code-cache-'));
try {
  // A checkout without the fixtures (an unpacked tarball) still gets a cache of the top level.
  if (existsSync(example)) {
    const few = ['port-stake-state-investor', 'sanctioned-partner-active', 'small-town-school-twinning'].map((f) =>
      join(root, 'fixtures', `${f}.yaml`),
    );
    const runs = [
      ['assess', example],
      ['assess', example, '--format', 'json'],
      ['assess', example, '--format', 'markdown'],
      ['check', ...few],
      ['check', ...few, '--format', 'json'],
    ];
    for (const [i, args] of runs.entries()) await exports.run([...args, '--today', '2026-01-01', '-o', join(out, `run-${i}`)]);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exitCode = 0;
writeFileSync(CACHE, script.createCachedData());
writeFileSync(CACHE_V8, `${process.versions.v8}\n`);
