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
import { loadContext, resolveLang } from './context.js';
import { makeSay } from '../formatters/say.js';
import type { Lang } from '../rules/i18n.js';

let builtin: ClauseCatalogue | undefined;

/** The shipped clause patterns (rules/clauses.yaml), read and checked once. */
export function builtinCatalogue(): ClauseCatalogue {
  return (builtin ??= readCatalogue(join(packageRoot(), 'rules', 'clauses.yaml')));
}

export interface ScanOptions {
  /** --draft-lang: the language of the drafts, auto or one of the clause patterns' languages. */
  draftLang?: string;
  clauses?: string;
}

export function catalogueFor(opts: ScanOptions): ClauseCatalogue {
  const cat = opts.clauses ? readCatalogue(resolve(opts.clauses)) : builtinCatalogue();
  if (opts.draftLang && opts.draftLang !== 'auto' && !cat.languages[opts.draftLang]) {
    throw new UserError(
      `--draft-lang: "${opts.draftLang}" is not a language of the clause patterns; use auto or one of ${Object.keys(cat.languages).join(', ')}`,
    );
  }
  return cat;
}

/**
 * The report's language (--lang, CDRISK_LANG), as for every command. Until
 * issue 16, scan's --lang was the drafts' language: an unknown --lang says
 * where that went.
 */
export function scanReportLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  try {
    return resolveLang(flag, env);
  } catch (err) {
    if (!(err instanceof UserError) || flag === undefined) throw err;
    throw new UserError(`${err.message}; the language of the drafts is --draft-lang (auto, or one of the clause patterns' languages)`);
  }
}

/** Scans every file, in the order given; one unreadable file never stops the others. */
export async function scanFiles(files: readonly string[], opts: ScanOptions): Promise<{ results: ScanResult[]; cat: ClauseCatalogue }> {
  const cat = catalogueFor(opts);
  const results: ScanResult[] = [];
  for (const f of files) results.push(await scanFile(f, cat, opts.draftLang ?? 'auto'));
  return { results, cat };
}

/** The clause catalogue in the report's language (only its texts change). */
async function catalogueIn(cat: ClauseCatalogue, lang: Lang): Promise<ClauseCatalogue> {
  if (lang === 'en') return cat;
  const { localiseClauseCatalogue } = await import('./localise.js');
  return localiseClauseCatalogue(cat, builtinCatalogue(), lang, join(packageRoot(), 'rules'));
}

/**
 * The results as a report in another language shows them: the caveat of what
 * a draft leaves out from the catalogue in that language. The JSON keeps the
 * results as scanned, the same in every language.
 */
function withCaveats(results: readonly ScanResult[], cat: ClauseCatalogue): ScanResult[] {
  const caveats = new Map<string, string>();
  for (const c of cat.clauses) if (c.absent && !caveats.has(c.absent.fact)) caveats.set(c.absent.fact, c.absent.caveat);
  return results.map((r) => ({
    ...r,
    facts: Object.fromEntries(
      Object.entries(r.facts).map(([k, f]) => [k, f && f.clause === null && caveats.has(k) ? { ...f, caveat: caveats.get(k) } : f]),
    ),
  }));
}

/** `cdrisk scan`: exit 2 when a draft cannot be read (the others are still scanned and reported), else 0. */
export async function scanCommand(
  files: string[],
  opts: ScanOptions & { format: 'table' | 'json' | 'markdown'; output?: string; color?: boolean; lang?: string },
  io: Io,
): Promise<number> {
  const lang = scanReportLang(opts.lang, io.env);
  const { results, cat } = await scanFiles(files, opts);
  const { rules } = await loadContext({ lang });
  const say = makeSay(rules, lang);
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  // Text from drafts is untrusted, as text from partnership files is (see formatters/terminal-escape.ts).
  const local = await catalogueIn(cat, lang);
  const [shown, shownCat] = [termSafe(local === cat ? results : withCaveats(results, local)), termSafe(local)];
  const text =
    opts.format === 'json'
      ? jsonSafe(formatScanJson(results))
      : guardCommandStarts(
          opts.format === 'markdown'
            ? formatScanMarkdown(shown, shownCat, say, rules.labels)
            : formatScanTable(shown, shownCat, chalk, say, io.stdout.columns),
        );
  writeReport(text, opts, io);
  if (opts.format !== 'table') io.stderr.write(`${summary(results, say)}\n`);
  for (const r of shown) if (r.error) io.stderr.write(`cdrisk: ${r.file}: ${r.error}\n`);
  return results.some((r) => r.error) ? 2 : 0;
}
