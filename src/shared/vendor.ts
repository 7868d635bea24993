// The two large libraries (PDF.js through unpdf, 1.6 MB; mammoth for .docx,
// 0.35 MB) are built apart into dist/vendor/ and loaded from there, so that
// both forms of the CLI bundle (the ES modules and the classic script that runs
// with a code cache, see scripts/build.mjs) share one copy and the script stays
// small. From source (tests) they come from node_modules.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Unpdf from 'unpdf';
import type * as MammothModule from 'mammoth';

/** The package names built into dist/vendor/<name>.cjs (scripts/build.mjs has the same list; a test checks they agree). */
export const VENDORED = ['unpdf', 'mammoth'] as const;
type Vendored = (typeof VENDORED)[number];

/**
 * From the bundle: dist/vendor/<name>.cjs, CommonJS so that both forms of the
 * bundle can require() it (the classic script cannot import()). From source:
 * the package in node_modules, through a specifier the bundler leaves alone,
 * so that the bundle names no package it does not ship.
 */
async function vendored(name: Vendored): Promise<unknown> {
  if (!import.meta.url.endsWith('.js')) return import(name);
  let dir = dirname(fileURLToPath(import.meta.url));
  if (basename(dir) === 'chunks') dir = dirname(dir);
  const file = join(dir, 'vendor', `${name}.cjs`);
  if (!existsSync(file)) throw new Error(`the build is incomplete: ${file} is missing (run npm run build)`);
  return createRequire(import.meta.url)(file);
}

export async function loadUnpdf(): Promise<typeof Unpdf> {
  return (await vendored('unpdf')) as typeof Unpdf;
}

type Mammoth = typeof MammothModule;

/** mammoth is CommonJS: from source its exports are the ES module's default export, from dist/vendor the module itself. */
export async function loadMammoth(): Promise<Mammoth> {
  const ns = (await vendored('mammoth')) as { default?: Mammoth } & Mammoth;
  return ns.default ?? ns;
}
