import { join, resolve } from 'node:path';
import { UserError } from '../shared/errors.js';
import type { ClauseCatalogue } from '../rules/clause-schema.js';
import { readCatalogue } from '../scan/catalogue.js';
import { scanFile } from '../scan/command.js';
import type { ScanResult } from '../scan/scan.js';
import { formatScanJson, formatScanMarkdown, formatScanTable, summary } from '../formatters/scan.js';
import { writeReport, type Io } from './io.js';
import { guardCommandStarts, jsonSafe, termSafe } from '../formatters/terminal-escape.js';
import { colourEnabled, makeChalk } from './output.js';
import { packageRoot } from './package-root.js';

let builtin: ClauseCatalogue | undefined;

/** The shipped clause patterns (rules/clauses.yaml), read and checked once. */
export function builtinCatalogue(): ClauseCatalogue {
  return (builtin ??= readCatalogue(join(packageRoot(), 'rules', 'clauses.yaml')));
}

export interface ScanOptions {
  lang?: string;
  clauses?: string;
}

export function catalogueFor(opts: ScanOptions): ClauseCatalogue {
  const cat = opts.clauses ? readCatalogue(resolve(opts.clauses)) : builtinCatalogue();
  if (opts.lang && opts.lang !== 'auto' && !cat.languages[opts.lang]) {
    throw new UserError(
      `--lang: "${opts.lang}" is not a language of the clause patterns; use auto or one of ${Object.keys(cat.languages).join(', ')}`,
    );
  }
  return cat;
}

/** Scans every file, in the order given; one unreadable file never stops the others. */
export async function scanFiles(files: readonly string[], opts: ScanOptions): Promise<{ results: ScanResult[]; cat: ClauseCatalogue }> {
  const cat = catalogueFor(opts);
  const results: ScanResult[] = [];
  for (const f of files) results.push(await scanFile(f, cat, opts.lang ?? 'auto'));
  return { results, cat };
}

/** `cdrisk scan`: exit 2 when a draft cannot be read (the others are still scanned and reported), else 0. */
export async function scanCommand(
  files: string[],
  opts: ScanOptions & { format: 'table' | 'json' | 'markdown'; output?: string; color?: boolean },
  io: Io,
): Promise<number> {
  const { results, cat } = await scanFiles(files, opts);
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  // Text from drafts is untrusted, as text from partnership files is (see formatters/terminal-escape.ts).
  const [shown, shownCat] = [termSafe(results), termSafe(cat)];
  const text =
    opts.format === 'json'
      ? jsonSafe(formatScanJson(results))
      : guardCommandStarts(
          opts.format === 'markdown' ? formatScanMarkdown(shown, shownCat) : formatScanTable(shown, shownCat, chalk, io.stdout.columns),
        );
  writeReport(text, opts, io);
  if (opts.format !== 'table') io.stderr.write(`${summary(results)}\n`);
  for (const r of shown) if (r.error) io.stderr.write(`cdrisk: ${r.file}: ${r.error}\n`);
  return results.some((r) => r.error) ? 2 : 0;
}
