import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import YAML from 'yaml';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import type { Io } from '../io.js';
import { openRegister } from './read.js';
import { createConverter, mapColumns, renderRow, type DateOrder, type RowDocument, type RowProblem } from './rows.js';
import { safeText } from './safe.js';
import type { LoadError } from '../../load/partnership.js';

export interface ImportOptions {
  out: string;
  map?: string[];
  set?: string[];
  force?: boolean;
  update?: boolean;
  dateFormat?: DateOrder;
}

/** A validation error of the rendered file, named by the column its field came from. */
export function problemFromLoadError(d: RowDocument, e: LoadError): RowProblem {
  const field = e.path?.replace(/\[\d+\]/g, '');
  const from = field ? d.origin.get(field) : undefined;
  const reason = e.path && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
  return {
    row: d.row,
    column: from?.column ?? (from ? '--set' : undefined),
    value: from?.value,
    reason: field && !from ? `${field}: ${reason}` : reason,
  };
}

export function formatProblem(register: string, p: RowProblem): string {
  const parts = [`row ${p.row}`];
  if (p.column) parts.push(p.column === '--set' ? 'from --set' : `column "${safeText(p.column, 60)}"`);
  if (p.value !== undefined && p.value !== '') parts.push(`value "${safeText(p.value, 80)}"`);
  const hint = p.suggestion ? ` (suggestion: ${safeText(p.suggestion, 300)})` : '';
  return `${safeText(register, 200)}: ${parts.join(', ')}: ${safeText(p.reason, 400)}${hint}`;
}

/** Writes a file whole or not at all: a temporary file beside it, then a rename. */
export function writeAtomic(file: string, text: string): void {
  const tmp = join(file, '..', `.${basename(file)}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was left
    }
    throw err;
  }
}

/** --update: set only the fields the register maps; every other line, comments included, stays. */
function updateText(existing: string, d: RowDocument): string {
  const doc = YAML.parseDocument(existing);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  const get = (path: string[]) =>
    path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), d.doc);
  const paths = new Set(d.fields);
  for (const side of ['city', 'partner'])
    if (paths.has(`${side}.country`) && get([side, 'region']) !== undefined) paths.add(`${side}.region`);
  for (const p of paths) {
    const path = p.split('.');
    const v = get(path);
    if (v === undefined) {
      if (doc.hasIn(path)) doc.deleteIn(path);
    } else doc.setIn(path, v);
  }
  return doc.toString({ lineWidth: 0 });
}

export async function importRegister(file: string, opts: ImportOptions, ctx: EngineContext, io: Io): Promise<number> {
  if (opts.force && opts.update)
    throw new UserError('--force and --update exclude each other: --force replaces files, --update changes only the mapped fields');
  const register = await openRegister(file);
  const mapping = mapColumns(register.header, opts.map ?? [], opts.set ?? [], ctx, file);
  if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new UserError(`--out ${opts.out} is a file: give a folder`);
  mkdirSync(opts.out, { recursive: true });
  const convert = createConverter(register.header, mapping, ctx, { dateOrder: opts.dateFormat, registerName: file });
  const problems: RowProblem[] = [];
  const counts = { rows: 0, created: 0, replaced: 0, updated: 0, unchanged: 0 };
  const notes: string[] = [];
  const seen = new Set<string>();
  for await (const row of register.rows) {
    counts.rows++;
    const c = convert.convert(row);
    if (!c.ok) {
      problems.push(...c.problems);
      continue;
    }
    const d = c.value;
    if (seen.has(d.id)) {
      problems.push({
        row: d.row,
        column: d.origin.get('id')?.column,
        value: d.id,
        reason: `id "${d.id}" is used by an earlier row`,
        suggestion: 'ids must be unique: change or empty the id cell',
      });
      continue;
    }
    seen.add(d.id);
    const target = join(opts.out, `${d.id}.yaml`);
    const exists = existsSync(target);
    if (exists && !opts.force && !opts.update) {
      problems.push({
        row: d.row,
        reason: `${target} exists already`,
        suggestion: '--update changes only the fields the register maps; --force replaces the file',
      });
      continue;
    }
    let text = renderRow(d, file);
    if (exists && opts.update) {
      try {
        text = updateText(readFileSync(target, 'utf8'), d);
      } catch (err) {
        problems.push({
          row: d.row,
          reason: `cannot update ${target}: ${(err as Error).message}`,
          suggestion: 'fix the file, or replace it with --force',
        });
        continue;
      }
    }
    // A new file is checked as the document it renders (the same schema the loader applies);
    // an updated one, whose other lines come from the file, through the loader itself.
    const valid = !(exists && opts.update) && ctx.schema.safeParse(d.doc).success;
    if (!valid) {
      const loaded = ctx.loader.load(target, Buffer.from(text));
      if (!loaded.ok) {
        problems.push(...loaded.errors.map((e) => problemFromLoadError(d, e)));
        continue;
      }
    }
    if (exists && opts.update && readFileSync(target, 'utf8') === text) {
      counts.unchanged++;
      continue;
    }
    writeAtomic(target, text);
    if (!exists) counts.created++;
    else if (opts.update) counts.updated++;
    else counts.replaced++;
    for (const n of d.notes.filter((x) => x.includes('ISO 3166-1 code of its own')))
      notes.push(`${safeText(file)}: row ${d.row}: note: ${safeText(n, 300)}`);
  }
  if (counts.rows === 0) throw new UserError('the register has a header but no rows', { file });
  const imported = counts.created + counts.replaced + counts.updated + counts.unchanged;
  const failedRows = new Set(problems.map((p) => p.row)).size;
  for (const n of notes) io.stderr.write(`${n}\n`);
  for (const p of problems) io.stderr.write(`${formatProblem(file, p)}\n`);
  if (mapping.unused.length)
    io.stderr.write(
      `cdrisk import: columns not read: ${mapping.unused.map((u) => `"${safeText(u, 60)}"`).join(', ')} (use --map FIELD=COLUMN to read one)\n`,
    );
  const parts = [`${counts.created} new`];
  if (counts.replaced) parts.push(`${counts.replaced} replaced`);
  if (opts.update) parts.push(`${counts.updated} updated`, `${counts.unchanged} unchanged`);
  io.stdout.write(
    `cdrisk import: ${safeText(file)} (${register.detected}): ${counts.rows} rows, ${imported} imported to ${safeText(opts.out)} (${parts.join(', ')}), ${failedRows} failed\n`,
  );
  return failedRows ? 2 : 0;
}
