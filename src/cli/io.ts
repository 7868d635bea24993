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
  if (opts.output === undefined) io.stdout.write(text);
  else writeToFile([text], opts.output);
}

/**
 * Writes a report produced piece by piece to standard output, or to
 * --output whole or not at all (see writeFileAtomic).
 */
export async function writeReportPieces(pieces: Iterable<string>, opts: Pick<CommonOptions, 'output'>, io: Io): Promise<void> {
  if (opts.output === undefined) {
    await writePieces(io.stdout, pieces);
    return;
  }
  writeToFile(pieces, opts.output);
}

function writeToFile(pieces: Iterable<string>, file: string): void {
  try {
    writeFileAtomicPieces(file, (write) => {
      for (const piece of pieces) write(piece);
    });
  } catch (err) {
    throw new UserError(`cannot write the report to ${file}: ${writeProblem((err as NodeJS.ErrnoException).code, file)}`);
  }
}

/**
 * Writes pieces to a stream, waiting each time it says its buffer is full. A
 * pipe takes what its reader has read and Node queues the rest in memory:
 * without waiting, `cdrisk check --format json | gzip` over 50,000 files
 * held the whole report (over a gigabyte) in the heap. Stops early once the
 * stream is gone (a reader that went away: see watchWrites in run.ts).
 */
export async function writePieces(stream: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  const events = stream as NodeJS.WritableStream & { destroyed?: boolean };
  for (const piece of pieces) {
    if (events.write(piece) || typeof events.on !== 'function') continue;
    if (events.destroyed) return;
    await new Promise<void>((resume) => {
      const done = () => {
        events.off('drain', done);
        events.off('close', done);
        events.off('error', done);
        resume();
      };
      events.on('drain', done);
      events.on('close', done);
      events.on('error', done);
    });
    if (events.destroyed) return;
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
