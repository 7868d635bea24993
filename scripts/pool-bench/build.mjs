// node scripts/pool-bench/build.mjs .tmp/pool-bench (two levels below the root: main.ts finds dist/ from there) ; tinypool and piscina must resolve from there (npm install them in a scratch folder and link its node_modules to .tmp/node_modules)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
const here = fileURLToPath(new URL('.', import.meta.url));
const out = process.argv[2];
await build({
  entryPoints: { main: `${here}main.ts`, worker: `${here}worker.ts` },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The pools start their own worker entry files: load them from node_modules (install them next to OUT_DIR).
  external: ['tinypool', 'piscina'],
  banner: {
    js: "import { createRequire as __cdriskCreateRequire } from 'node:module'; const require = __cdriskCreateRequire(import.meta.url);",
  },
});
