import { closeSync, openSync, writeSync } from 'node:fs';
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
  color?: boolean;
  debug?: boolean;
  maxFileSize?: number;
}

/** Formats a report and writes it where the options say. */
export async function emit(report: Report, format: Format, opts: CommonOptions, ctx: EngineContext, io: Io): Promise<void> {
  const chalk = makeChalk(opts.output === undefined && colourEnabled(io.stdout, opts.color === false ? false : undefined, io.env));
  writeReport((await formatters[format]())(report, { chalk, rules: ctx.rules, width: io.stdout.columns, failOn: opts.failOn }), opts, io);
}

/** Writes a report to --output, or to standard output. */
export function writeReport(text: string, opts: CommonOptions, io: Io): void {
  writeReportPieces((write) => write(text), opts, io);
}

/** Writes a report produced piece by piece (`produce` calls `write` for each) to --output or stdout. */
export function writeReportPieces(produce: (write: (text: string) => void) => void, opts: CommonOptions, io: Io): void {
  if (opts.output === undefined) {
    produce((text) => io.stdout.write(text));
    return;
  }
  let fd: number;
  try {
    fd = openSync(opts.output, 'w');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a directory; give a file name' : code === 'ENOENT' ? 'its folder does not exist' : `${code ?? String(err)}`;
    throw new UserError(`cannot write the report to ${opts.output}: ${why}`);
  }
  try {
    produce((text) => writeSync(fd, text));
  } finally {
    closeSync(fd);
  }
}

/** The table format is the default everywhere: coloured on a terminal, plain text when piped. */
export const DEFAULT_FORMAT: Format = 'table';
