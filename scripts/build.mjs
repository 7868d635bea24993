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
import { spawnSync } from 'node:child_process';
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
  const outputs = [`${dist}/cdrisk.js`, `${dist}/rules.json`, `${dist}/cdrisk-script.js.cache`, `${root}THIRD-PARTY-NOTICES`];
  const inputs = [
    'src',
    'rules',
    'scripts/build.mjs',
    'scripts/notices.mjs',
    'scripts/code-cache.mjs',
    'bin/script.js',
    'package.json',
    'package-lock.json',
  ].map((p) => join(root, p));
  if (outputs.every((f) => existsSync(f)) && Math.min(...outputs.map((f) => statSync(f).mtimeMs)) > newest(inputs)) {
    process.stdout.write('build: dist/ is up to date\n');
    process.exit(0);
  }
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// What every build below shares: bundled, minified, for Node 20, no source maps.
const common = { bundle: true, platform: 'node', target: 'node20', minify: true, sourcemap: false, logLevel: 'warning' };
// CommonJS dependencies (commander, ignore, mammoth) call require(): give the ES module bundles one.
const requireBanner = {
  js: "import { createRequire as __cdriskCreateRequire } from 'node:module'; const require = __cdriskCreateRequire(import.meta.url);",
};
// The two large libraries, built apart into dist/vendor/ (src/shared/vendor.ts loads them from there,
// and test/code-cache.test.ts checks that its list and this one agree): both forms of the CLI leave them out.
const VENDORED = ['unpdf', 'mammoth'];
// CommonJS files, so that the classic script can require() them as the ES modules can.
const vendor = await build({
  entryPoints: Object.fromEntries(VENDORED.map((name) => [name, name])),
  outdir: `${dist}/vendor`,
  outExtension: { '.js': '.cjs' },
  ...common,
  format: 'cjs',
  legalComments: 'external',
  metafile: true,
  banner: { js: "const __cdriskUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__cdriskUrl' },
});

// commander requires node:child_process at load time, for executable subcommands cdrisk has none of;
// loading it (with net, dgram and their streams) costs every run a few milliseconds. Its uses go
// through a proxy that loads the module on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'cdrisk-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cdrisk-lazy' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_t, key) => (loaded ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

const built = await build({
  entryPoints: {
    cdrisk: `${root}src/cli/main.ts`,
    'check-worker': `${root}src/cli/check-worker.ts`,
    'portfolio-worker': `${root}src/cli/portfolio/worker.ts`,
    'compile-rules': `${root}scripts/compile-rules.ts`,
  },
  outdir: dist,
  ...common,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // The notices of the bundled code go to THIRD-PARTY-NOTICES: each package's licence file, plus the
  // licence comments found in the code (such as PDF.js's Apache-2.0 header inside unpdf), collected
  // by esbuild into .LEGAL.txt files that are then folded in and removed.
  legalComments: 'external',
  metafile: true,
  external: VENDORED,
  plugins: [lazyChildProcess],
  banner: requireBanner,
});

// The same CLI once more as one classic script, which bin/cdrisk.js runs with
// V8's code cache (scripts/code-cache.mjs): Node 20 keeps no compiled code
// between runs of ES modules, and compiling the bundle is most of a short
// run's start-up. The licence comments stay at the end of the file.
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${dist}/cdrisk-script.js`,
  ...common,
  format: 'cjs',
  legalComments: 'eof',
  external: VENDORED,
  plugins: [lazyChildProcess],
  // bin/cdrisk.js passes the script's own file URL.
  define: { 'import.meta.url': '__cdriskUrl' },
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
for (const dir of [dist, `${dist}/chunks`, `${dist}/vendor`]) {
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.LEGAL.txt'))
    .sort()) {
    if (!f.startsWith('compile-rules')) legal.push(readFileSync(join(dir, f), 'utf8').trim());
    rmSync(join(dir, f));
  }
}
writeFileSync(
  `${root}THIRD-PARTY-NOTICES`,
  thirdPartyNotices(root, { outputs: { ...built.metafile.outputs, ...vendor.metafile.outputs } }, [...new Set(legal)]),
);

// The code cache of the script, made by a warm-up run in a process of its own.
const cache = spawnSync(process.execPath, [`${root}scripts/code-cache.mjs`], { encoding: 'utf8' });
if (cache.status !== 0) {
  process.stderr.write(`build: making the code cache failed\n${cache.stderr}`);
  process.exit(1);
}
