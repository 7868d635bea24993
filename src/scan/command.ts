import { resolve } from 'node:path';
import { UserError } from '../engine/errors.js';
import type { ClauseCatalogue } from '../rules/clause-schema.js';
import { builtinCatalogue, readCatalogue } from './catalogue.js';
import { readDraft } from './read.js';
import { scanDocument, type ScanResult } from './scan.js';
import { DraftError } from './types.js';

export interface ScanOptions {
  lang?: string;
  clauses?: string;
}

export function catalogueFor(opts: ScanOptions): ClauseCatalogue {
  const cat = opts.clauses ? readCatalogue(resolve(opts.clauses)) : builtinCatalogue();
  if (opts.lang && opts.lang !== 'auto' && !cat.languages[opts.lang]) {
    throw new UserError(`--lang: "${opts.lang}" is not a language of the clause patterns; use auto or one of ${Object.keys(cat.languages).join(', ')}`);
  }
  return cat;
}

/** Reads and scans one draft; an unreadable draft becomes a result with its error. */
export async function scanFile(file: string, cat: ClauseCatalogue, lang = 'auto'): Promise<ScanResult> {
  try {
    return scanDocument(await readDraft(file), cat, lang);
  } catch (err) {
    if (err instanceof DraftError) return { file, language: null, clauses: [], facts: {}, error: err.message };
    throw err;
  }
}

/** Scans every file, in the order given; one unreadable file never stops the others. */
export async function scanFiles(files: readonly string[], opts: ScanOptions): Promise<{ results: ScanResult[]; cat: ClauseCatalogue }> {
  const cat = catalogueFor(opts);
  const results: ScanResult[] = [];
  for (const f of files) results.push(await scanFile(f, cat, opts.lang ?? 'auto'));
  return { results, cat };
}
