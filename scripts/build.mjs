// Bundles the CLI with esbuild (one file plus lazily loaded chunks),
// compiles the built-in rule data into dist/rules.json after validating it,
// and writes the licence notices of the bundled packages to
// THIRD-PARTY-NOTICES. No source maps: the package does not ship them.
//
// --if-stale: do nothing when dist/ is newer than every input (npm test's
// pretest, so that a fresh `npm ci`, which builds in prepare, is not
// followed by a second build).
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thirdPartyNotices } from './notices.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

/** Newest modification time of the files under the given paths. */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((f) => join(p, f))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}
if (process.argv.includes('--if-stale')) {
  const outputs = [`${dist}/cdrisk.js`, `${dist}/rules.json`, `${root}THIRD-PARTY-NOTICES`];
  const inputs = ['src', 'rules', 'scripts/build.mjs', 'scripts/notices.mjs', 'package.json', 'package-lock.json'].map((p) =>
    join(root, p),
  );
  if (outputs.every((f) => existsSync(f)) && Math.min(...outputs.map((f) => statSync(f).mtimeMs)) > newest(inputs)) {
    process.stdout.write('build: dist/ is up to date\n');
    process.exit(0);
  }
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const built = await build({
  entryPoints: {
    cdrisk: `${root}src/cli/main.ts`,
    'check-worker': `${root}src/cli/check-worker.ts`,
    'portfolio-worker': `${root}src/cli/portfolio/worker.ts`,
    'compile-rules': `${root}scripts/compile-rules.ts`,
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  sourcemap: false,
  // The notices of the bundled code go to THIRD-PARTY-NOTICES: each package's licence file, plus the
  // licence comments found in the code (such as PDF.js's Apache-2.0 header inside unpdf), collected
  // by esbuild into .LEGAL.txt files that are then folded in and removed.
  legalComments: 'external',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (commander, ignore) call require(): give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cdriskCreateRequire } from 'node:module'; const require = __cdriskCreateRequire(import.meta.url);",
  },
});

const { compileRules } = await import(`${dist}/compile-rules.js`);
try {
  writeFileSync(`${dist}/rules.json`, compileRules(`${root}rules`));
} catch (err) {
  process.stderr.write(`build: invalid rule data: ${err.format ? err.format() : err.message}\n`);
  process.exit(1);
}
rmSync(`${dist}/compile-rules.js`);
const legal = [];
for (const dir of [dist, `${dist}/chunks`]) {
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.LEGAL.txt'))
    .sort()) {
    if (!f.startsWith('compile-rules')) legal.push(readFileSync(join(dir, f), 'utf8').trim());
    rmSync(join(dir, f));
  }
}
writeFileSync(`${root}THIRD-PARTY-NOTICES`, thirdPartyNotices(root, built.metafile, [...new Set(legal)]));
