import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import { assessPartnership } from '../../engine/assess.js';
import { invalidResult } from '../../engine/run.js';
import type { Io } from '../io.js';
import { expandPaths, PARTNERSHIP_PREFILTER } from '../discover.js';
import { readInputFile } from '../../load/read-input.js';
import { colourEnabled, makeChalk } from '../output.js';
import type { Partnership } from '../../load/partnership-schema.js';
import { openRegister } from '../register/read.js';
import { createConverter, mapColumns, renderRow, type DateOrder } from '../register/rows.js';
import { formatProblem, problemFromLoadError } from '../register/import-command.js';
import { buildPortfolioReport, portfolioResult, type PortfolioHistoryPoint, type PortfolioReport, type PortfolioResult } from './model.js';

export type PortfolioFormat = 'table' | 'json' | 'markdown' | 'html' | 'csv';

export interface PortfolioOptions {
  format: PortfolioFormat;
  output?: string;
  map?: string[];
  set?: string[];
  dateFormat?: DateOrder;
  history?: boolean;
  color?: boolean;
}

const REGISTER_EXTENSIONS = new Set(['.csv', '.tsv', '.tab', '.txt', '.xlsx', '.xlsm', '.ods']);
export const isRegister = (paths: readonly string[]) => paths.length === 1 && REGISTER_EXTENSIONS.has(extname(paths[0]).toLowerCase());

/** Screens each row of a register as if it had been imported, without writing anything. */
export async function screenRegister(file: string, opts: Pick<PortfolioOptions, 'map' | 'set' | 'dateFormat'>, ctx: EngineContext, add: (r: PortfolioResult) => void): Promise<void> {
  const register = await openRegister(file);
  const mapping = mapColumns(register.header, opts.map ?? [], opts.set ?? [], ctx, file);
  const convert = createConverter(register.header, mapping, ctx, { dateOrder: opts.dateFormat, registerName: file });
  const invalid = (row: number, errors: string[], id?: string): PortfolioResult => ({ ...portfolioResult(file, row, invalidResult(file, [], id), undefined, ctx), errors });
  for await (const row of register.rows) {
    const c = convert.convert(row);
    if (!c.ok) {
      add(invalid(row.row, c.problems.map((p) => formatProblem(file, p))));
      continue;
    }
    const d = c.value;
    // The document goes straight to the schema; only a row that fails is rendered, to name its errors as import does.
    const parsed = ctx.schema.safeParse(d.doc, { jitless: false });
    if (parsed.success) {
      add(portfolioResult(file, d.row, assessPartnership(`${file}#row-${d.row}`, parsed.data, undefined, ctx), parsed.data, ctx));
      continue;
    }
    const loaded = ctx.loader.load(file, Buffer.from(renderRow(d, file)));
    const errors = loaded.ok ? ['the row does not make a valid partnership'] : loaded.errors.map((e) => formatProblem(file, problemFromLoadError(d, e)));
    add(invalid(d.row, errors, d.id));
  }
}

/** Reads partnership files under the paths as `check` finds them. */
export function screenFiles(paths: readonly string[], ctx: EngineContext, add: (r: PortfolioResult) => void): void {
  const targets = expandPaths(paths.length ? paths : ['.'], { ignoreFile: true });
  const ids = new Map<string, string>();
  for (const t of targets) {
    if (t.problem) {
      add(portfolioResult(t.file, undefined, invalidResult(t.file, [{ message: t.problem }]), undefined, ctx));
      continue;
    }
    // The same reader as check: devices, FIFOs and files over the size limit are refused before anything is read.
    const read = readInputFile(t.file, ctx.limits.maxBytes);
    if ('problem' in read) {
      add(portfolioResult(t.file, undefined, invalidResult(t.file, [{ message: read.problem }]), undefined, ctx));
      continue;
    }
    const bytes = read.bytes;
    if (!PARTNERSHIP_PREFILTER.test(bytes.toString('latin1'))) continue;
    const loaded = ctx.loader.load(t.file, bytes);
    if (!loaded.ok) {
      if (loaded.errors.length === 1 && /no top-level "cdrisk/.test(loaded.errors[0].message)) continue;
      add(portfolioResult(t.file, undefined, invalidResult(t.file, loaded.errors, loaded.id), undefined, ctx));
      continue;
    }
    const p: Partnership = loaded.partnership;
    const other = ids.get(p.id);
    if (other) {
      add(portfolioResult(t.file, undefined, invalidResult(t.file, [{ message: `duplicate partnership id "${p.id}": also used by ${other}` }], p.id), undefined, ctx));
      continue;
    }
    ids.set(p.id, t.file);
    add(portfolioResult(t.file, undefined, assessPartnership(t.file, p, loaded.source, ctx), p, ctx));
  }
}

export async function portfolioReport(paths: string[], opts: PortfolioOptions, ctx: EngineContext, history?: PortfolioHistoryPoint[]): Promise<PortfolioReport> {
  const results: PortfolioResult[] = [];
  if (isRegister(paths)) await screenRegister(paths[0], opts, ctx, (r) => results.push(r));
  else {
    if ((opts.map?.length || opts.set?.length) && paths.length) throw new UserError('--map and --set apply to a register (one CSV, TSV or XLSX file), not to partnership files');
    screenFiles(paths, ctx, (r) => results.push(r));
  }
  return buildPortfolioReport(results, ctx, history);
}

export async function runPortfolio(paths: string[], opts: PortfolioOptions, ctx: EngineContext, io: Io): Promise<number> {
  let history: PortfolioHistoryPoint[] | undefined;
  if (opts.history) {
    if (isRegister(paths)) throw new UserError('--history reads a git repository of partnership files, not a register');
    const { portfolioHistory } = await import('./history.js');
    history = await portfolioHistory(paths, ctx);
  }
  const report = await portfolioReport(paths, opts, ctx, history);
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  const { renderPortfolio } = await import('./formats.js');
  const pieces = await renderPortfolio(report, opts.format, { chalk, ctx });
  if (opts.output !== undefined) {
    // Whole or not at all: a temporary file beside the target, renamed at the end.
    const tmp = `${opts.output}.tmp-${process.pid}`;
    try {
      const fd = openSync(tmp, 'w');
      try {
        for (const piece of pieces) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, opts.output);
    } catch (err) {
      rmSync(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      throw new UserError(`cannot write to ${opts.output}: ${code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder; give a file name' : (code ?? String(err))}`);
    }
  } else for (const piece of pieces) io.stdout.write(piece);
  if (opts.format !== 'table' || opts.output !== undefined) {
    const p = report.portfolio;
    io.stderr.write(`cdrisk portfolio: ${p.total} partnerships, ${p.invalid} invalid; low ${p.byLevel.low}, medium ${p.byLevel.medium}, high ${p.byLevel.high}, critical ${p.byLevel.critical}\n`);
  }
  return report.portfolio.invalid > 0 ? 2 : 0;
}
