import type { ClauseCatalogue } from '../rules/clause-schema.js';
import { readDraft } from './read.js';
import { scanDocument, type ScanResult } from './scan.js';
import { DraftError } from './types.js';

/** Reads and scans one draft; an unreadable draft becomes a result with its error. */
export async function scanFile(file: string, cat: ClauseCatalogue, lang = 'auto'): Promise<ScanResult> {
  try {
    return scanDocument(await readDraft(file), cat, lang);
  } catch (err) {
    if (err instanceof DraftError) return { file, language: null, clauses: [], facts: {}, error: err.message };
    throw err;
  }
}
