// Helpers shared by the CI formats (sarif, junit, github, the check summary).
import { sep } from 'node:path';
import { levelRank, type Level } from '../shared/levels.js';
import type { FileResult, Finding, Report } from '../report/types.js';
import type { FormatOptions, Formatter } from './types.js';
import { guardCommandStarts, jsonSafe, termSafe } from './terminal-escape.js';

/** Open (not accepted) findings whose residual level reaches the --fail-on level. */
export function failingFindings(r: FileResult, failOn: Level | undefined): Finding[] {
  if (!failOn || !r.valid) return [];
  return r.findings.filter((f) => !f.accepted && levelRank(f.residual.level) >= levelRank(failOn));
}

/** The first line the finding's evidence points at, 1 when none does. */
export function findingLine(f: Finding): number {
  for (const e of f.evidence) if (e.line !== undefined && e.line >= 1) return e.line;
  return 1;
}

/**
 * A file path as a forward-slash relative path. Only on Windows is a
 * backslash a separator: elsewhere it is part of a name (and of the escapes
 * termText writes, such as `\n`), and stays.
 */
export function posixPath(file: string): string {
  return (sep === '\\' ? file.replace(/\\/g, '/') : file).replace(/^(\.\/)+/, '');
}

/**
 * A format built from one piece of text per file: `check` renders each
 * result as it arrives and drops it, so memory does not grow with the number
 * of files; `whole` makes the report formatter from the same pieces.
 */
export interface Pieces {
  /** The text for one file; files come in report order. */
  entry(r: FileResult): string;
  /** The whole output around the entries (`body`, concatenated). */
  wrap(body: string, report: Omit<Report, 'results'>): string;
  /** Put between two entries (default: nothing). */
  separator?: string;
  /**
   * True when `wrap` puts `body` in verbatim once and looks at nothing but
   * the report: `check` may then keep the entries out of memory (in a
   * temporary file) and copy them straight to the output.
   */
  verbatim?: boolean;
}

export type PieceFormat = (options: FormatOptions) => Pieces;

export function whole(format: PieceFormat): Formatter {
  return (report, options) => {
    const p = format(options);
    return p.wrap(report.results.map((r) => p.entry(r)).join(p.separator ?? ''), report);
  };
}

/** A piece format that renders from term-safe copies of each result and of the rule data (see formatters/index.ts). */
export function piecesForPeople(format: PieceFormat, annotations = false): PieceFormat {
  const guard = annotations ? (s: string) => s : guardCommandStarts;
  return (options) => {
    const p = format({ ...options, rules: termSafe(options.rules) });
    return { ...p, entry: (r) => guard(p.entry(termSafe(r))), wrap: (body, report) => guard(p.wrap(body, report)) };
  };
}

/** A piece format whose JSON text gets the escapes JSON.stringify leaves out (see jsonSafe). */
export function piecesAsJson(format: PieceFormat): PieceFormat {
  return (options) => {
    const p = format(options);
    return { ...p, entry: (r) => jsonSafe(p.entry(r)), wrap: (body, report) => jsonSafe(p.wrap(body, report)) };
  };
}
