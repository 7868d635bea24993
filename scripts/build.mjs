// Bundles the CLI with esbuild (one file plus lazily loaded chunks) and
// compiles the built-in rule data into dist/rules.json after validating it.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { cdrisk: `${root}src/cli/main.ts`, 'check-worker': `${root}src/cli/check-worker.ts`, 'portfolio-worker': `${root}src/cli/portfolio/worker.ts`, 'compile-rules': `${root}scripts/compile-rules.ts` },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (cli-table3) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __cdriskCreateRequire } from 'node:module'; const require = __cdriskCreateRequire(import.meta.url);" },
});

const { compileRules } = await import(`${dist}/compile-rules.js`);
try {
  writeFileSync(`${dist}/rules.json`, compileRules(`${root}rules`));
} catch (err) {
  process.stderr.write(`build: invalid rule data: ${err.format ? err.format() : err.message}\n`);
  process.exit(1);
}
rmSync(`${dist}/compile-rules.js`);
