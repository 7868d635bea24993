import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicPieces } from './write-atomic.js';
import { fsProblem } from '../load/read-input.js';
import { UserError } from '../shared/errors.js';
import type { Level } from '../shared/levels.js';
import type { Format } from '../formatters/types.js';
import { formatters } from '../formatters/index.js';
import type { Report } from '../report/types.js';
import type { EngineContext } from '../engine/context.js';
import { colourEnabled, makeChalk } from './output.js';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

export interface CommonOptions {
  format?: Format;
  output?: string;
  rules?: string[];
  failOn?: Level;
  today?: string;
  /** --lang as given (resolved with CDRISK_LANG by resolveLang). */
  lang?: string;
  color?: boolean;
  debug?: boolean;
  maxFileSize?: number;
}

/** Formats a report and writes it where the options say. */
export async function emit(report: Report, format: Format, opts: CommonOptions, ctx: EngineContext, io: Io): Promise<void> {
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  writeReport(
    (await formatters[format]())(report, { chalk, rules: ctx.rules, width: io.stdout.columns, failOn: opts.failOn, lang: ctx.lang }),
    opts,
    io,
  );
}

/** Writes a report to --output (whole or not at all: see writeFileAtomic), or to standard output. */
export function writeReport(text: string, opts: CommonOptions, io: Io): void {
  writeReportPieces((write) => write(text), opts, io);
}

/**
 * Writes a report produced piece by piece (`produce` calls `write` for each)
 * to standard output, or to --output whole or not at all (see writeFileAtomic).
 */
export function writeReportPieces(produce: (write: (text: string) => void) => void, opts: Pick<CommonOptions, 'output'>, io: Io): void {
  if (opts.output === undefined) {
    produce((text) => io.stdout.write(text));
    return;
  }
  try {
    writeFileAtomicPieces(opts.output, produce);
  } catch (err) {
    throw new UserError(`cannot write the report to ${opts.output}: ${writeProblem((err as NodeJS.ErrnoException).code, opts.output)}`);
  }
}

/** fsProblem, with what a missing path means when writing. */
export function writeProblem(code: string | undefined, file: string): string {
  if (code === 'EISDIR') return 'it is a directory; give a file name';
  if (code === 'ENOENT')
    return existsSync(dirname(file))
      ? 'no file can be created in its folder (a special or read-only file system?)'
      : 'its folder does not exist';
  return fsProblem(code);
}

/** The table format is the default everywhere: coloured on a terminal, plain text when piped. */
export const DEFAULT_FORMAT: Format = 'table';
