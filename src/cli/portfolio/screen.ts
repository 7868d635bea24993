import type { EngineContext } from '../../engine/context.js';
import { assessPartnership } from '../../engine/assess.js';
import { invalidResult } from '../../engine/run.js';
import type { FileResult } from '../../report/types.js';
import type { Cell, RegisterRow } from '../register/read.js';
import { createConverter, IdCounter, mapColumns, renderRow, type DateOrder } from '../register/rows.js';
import { formatProblem, problemFromLoadError } from '../register/import-command.js';
import { portfolioResult, shareLists, type PortfolioResult } from './model.js';

/**
 * Screening one register row: convert it as `cdrisk import` would, check it
 * against the partnership schema, assess it and keep the slim portfolio
 * result. The same function runs on the main thread and in the portfolio
 * worker threads (worker.ts), so a run gives the same bytes on any number of
 * threads.
 */

/** What a worker needs to screen rows as the main thread would: the register's header and the command's options. */
export interface RegisterSetup {
  file: string;
  header: string[];
  map: string[];
  set: string[];
  dateFormat?: DateOrder;
}

/**
 * A screened row as the pool carries it: a FileResult (so src/cli/pool.ts
 * can pass it like any other) with no findings, holding the portfolio result
 * and, when the id was generated, the id before its duplicate suffix.
 */
export interface ScreenedRow extends FileResult {
  screened: PortfolioResult;
  idBase?: string;
}

/** A row as one short string, for the pool's queue: JSON, with dates (from an XLSX) marked. */
export function encodeRow(r: RegisterRow): string {
  return JSON.stringify([r.row, r.cells.map((c) => (c instanceof Date ? { d: c.getTime() } : c))]);
}

function decodeRow(s: string): RegisterRow {
  const [row, cells] = JSON.parse(s) as [number, (Cell | { d: number })[]];
  return { row, cells: cells.map((c) => (c !== null && typeof c === 'object' && 'd' in c ? new Date(c.d) : (c as Cell))) };
}

const NO_ERRORS: never[] = [];

function envelope(file: string, screened: PortfolioResult, idBase: string | undefined): ScreenedRow {
  return {
    file,
    id: screened.id,
    valid: screened.valid,
    errors: NO_ERRORS,
    level: screened.level,
    score: screened.score,
    openLevel: screened.openLevel,
    categories: NO_ERRORS,
    findings: NO_ERRORS,
    stakeholders: NO_ERRORS,
    gaps: NO_ERRORS,
    warnings: NO_ERRORS,
    screened,
    ...(idBase !== undefined ? { idBase } : {}),
  };
}

/** The screening function for one register: takes an encoded row (encodeRow), gives its ScreenedRow. */
export function createRowScreener(setup: RegisterSetup, ctx: EngineContext): (encoded: string) => ScreenedRow {
  const { file } = setup;
  const mapping = mapColumns(setup.header, setup.map, setup.set, ctx, file);
  // Ids get their duplicate suffix in register order, where the results are taken (takeScreened).
  const convert = createConverter(setup.header, mapping, ctx, { dateOrder: setup.dateFormat, registerName: file, dedupeIds: false });
  const invalid = (row: number, errors: string[], id?: string): PortfolioResult => ({
    ...portfolioResult(file, row, invalidResult(file, [], id), undefined, ctx),
    errors,
  });
  return (encoded) => {
    const row = decodeRow(encoded);
    const c = convert.convert(row);
    if (!c.ok)
      return envelope(
        `${file}#row-${row.row}`,
        invalid(
          row.row,
          c.problems.map((p) => formatProblem(file, p)),
        ),
        undefined,
      );
    const d = c.value;
    const where = `${file}#row-${d.row}`;
    // The document goes straight to the schema; only a row that fails is rendered, to name its errors as import does.
    const parsed = ctx.schema.safeParse(d.doc, { jitless: false });
    if (parsed.success)
      return envelope(
        where,
        portfolioResult(file, d.row, assessPartnership(where, parsed.data, undefined, ctx), parsed.data, ctx),
        d.idBase,
      );
    const loaded = ctx.loader.load(file, Buffer.from(renderRow(d, file)));
    const errors = loaded.ok
      ? ['the row does not make a valid partnership']
      : loaded.errors.map((e) => formatProblem(file, problemFromLoadError(d, e)));
    return envelope(where, invalid(d.row, errors, d.id), d.idBase);
  };
}

/**
 * Takes screened rows in register order: gives each generated id its
 * duplicate suffix (as `cdrisk import` names the files) and hands on the
 * portfolio result, its lists shared with the results before it.
 */
export function takeScreened(add: (r: PortfolioResult) => void): (s: ScreenedRow) => void {
  const ids = new IdCounter();
  return (s) => {
    // From a worker, the lists arrive as fresh copies: share them again.
    const r = shareLists(s.screened);
    if (s.idBase !== undefined) {
      const id = ids.next(s.idBase);
      if (id !== r.id) r.id = id;
    }
    add(r);
  };
}
