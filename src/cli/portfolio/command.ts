import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { EngineContext } from '../../engine/context.js';
import { UserError } from '../../shared/errors.js';
import { assessPartnership } from '../../engine/assess.js';
import { invalidResult } from '../../engine/run.js';
import { writeReportPieces, type Io } from '../io.js';
import { expandPaths, PARTNERSHIP_PREFILTER } from '../discover.js';
import { readInputFile, sayReadProblem } from '../../load/read-input.js';
import { colourEnabled, makeChalk } from '../output.js';
import type { Partnership } from '../../load/partnership-schema.js';
import { openRegister } from '../register/read.js';
import type { DateOrder } from '../register/rows.js';
import { packageRoot } from '../package-root.js';
import { poolSize, runPool } from '../pool.js';
import type { Rule } from '../../rules/schema.js';
import { createRowScreener, encodeRow, takeScreened, type RegisterSetup, type ScreenedRow } from './screen.js';
import type { PortfolioWorkerSetup } from './worker.js';
import { portfolioSummaryLine } from './words.js';
import { buildPortfolioReport, portfolioResult, type PortfolioHistoryPoint, type PortfolioReport, type PortfolioResult } from './model.js';
import { isNotPartnership } from '../../load/messages.js';

export type PortfolioFormat = 'table' | 'json' | 'markdown' | 'html' | 'csv';

export interface PortfolioOptions {
  format: PortfolioFormat;
  output?: string;
  map?: string[];
  set?: string[];
  dateFormat?: DateOrder;
  history?: boolean;
  color?: boolean;
  /** --rules: the worker threads load the same rule set. */
  rules?: string[];
}

const REGISTER_EXTENSIONS = new Set(['.csv', '.tsv', '.tab', '.txt', '.xlsx', '.xlsm', '.ods']);
export const isRegister = (paths: readonly string[]) => paths.length === 1 && REGISTER_EXTENSIONS.has(extname(paths[0]).toLowerCase());

/**
 * Rows read ahead of the screening: the register is read and screened this
 * many rows at a time, each row held meanwhile as one short string. Large, as
 * each piece starts the pool's worker threads afresh, and a fresh thread
 * runs its first few hundred rows with cold code.
 */
export const REGISTER_CHUNK = 50_000;

/** The built portfolio worker, or undefined when running from source (tests), where workers cannot load .ts. */
function portfolioWorkerScript(): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const file = join(packageRoot(), 'dist', 'portfolio-worker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * Screens each row of a register as if it had been imported, without writing
 * anything. Rows are read REGISTER_CHUNK at a time and, for a large register,
 * screened on the thread pool `check` uses (src/cli/pool.ts: the main thread
 * plus a worker per further core, CDRISK_THREADS overrides); `add` gets the
 * results in register order whatever the number of threads.
 */
export async function screenRegister(
  file: string,
  opts: Pick<PortfolioOptions, 'map' | 'set' | 'dateFormat' | 'rules'>,
  ctx: EngineContext,
  add: (r: PortfolioResult) => void,
  chunkRows = REGISTER_CHUNK,
): Promise<void> {
  const register = await openRegister(file);
  const setup: RegisterSetup = {
    file,
    header: register.header,
    map: opts.map ?? [],
    set: opts.set ?? [],
    ...(opts.dateFormat ? { dateFormat: opts.dateFormat } : {}),
  };
  // Maps the columns first: a usage error stops the run before any row is read.
  const screen = createRowScreener(setup, ctx);
  const take = takeScreened(add);
  let rules: Map<string, Rule> | undefined;
  let chunk: string[] = [];
  const flush = async () => {
    const size = poolSize(chunk.length);
    const script = size > 1 ? portfolioWorkerScript() : undefined;
    if (script) {
      const workerSetup: PortfolioWorkerSetup = { rules: opts.rules, today: ctx.today, keep: 'full', register: setup };
      rules ??= new Map(ctx.rules.rules.map((r) => [r.id, r]));
      await runPool(chunk, workerSetup, size, script, screen, rules, (batch) => batch.forEach((s) => take(s as ScreenedRow)));
    } else for (const row of chunk) take(screen(row));
    chunk = [];
  };
  for await (const row of register.rows) {
    chunk.push(encodeRow(row));
    if (chunk.length === chunkRows) await flush();
  }
  if (chunk.length) await flush();
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
      add(portfolioResult(t.file, undefined, invalidResult(t.file, [{ message: sayReadProblem(read, ctx.loader.say) }]), undefined, ctx));
      continue;
    }
    const bytes = read.bytes;
    if (!PARTNERSHIP_PREFILTER.test(bytes.toString('latin1'))) continue;
    const loaded = ctx.loader.load(t.file, bytes);
    if (!loaded.ok) {
      if (isNotPartnership(loaded.errors)) continue;
      add(portfolioResult(t.file, undefined, invalidResult(t.file, loaded.errors, loaded.id), undefined, ctx));
      continue;
    }
    const p: Partnership = loaded.partnership;
    const other = ids.get(p.id);
    if (other) {
      add(
        portfolioResult(
          t.file,
          undefined,
          invalidResult(t.file, [{ message: `duplicate partnership id "${p.id}": also used by ${other}` }], p.id),
          undefined,
          ctx,
        ),
      );
      continue;
    }
    ids.set(p.id, t.file);
    add(portfolioResult(t.file, undefined, assessPartnership(t.file, p, loaded.source, ctx), p, ctx));
  }
}

export async function portfolioReport(
  paths: string[],
  opts: PortfolioOptions,
  ctx: EngineContext,
  history?: PortfolioHistoryPoint[],
): Promise<PortfolioReport> {
  const results: PortfolioResult[] = [];
  if (isRegister(paths)) await screenRegister(paths[0], opts, ctx, (r) => results.push(r));
  else {
    if ((opts.map?.length || opts.set?.length) && paths.length)
      throw new UserError('--map and --set apply to a register (one CSV, TSV or XLSX file), not to partnership files');
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
  // Whole or not at all, with plain-words errors: the writer every report uses.
  await writeReportPieces(pieces, opts, io);
  if (opts.format !== 'table' || opts.output !== undefined) {
    io.stderr.write(`${portfolioSummaryLine(report, ctx)}\n`);
  }
  return report.portfolio.invalid > 0 ? 2 : 0;
}
